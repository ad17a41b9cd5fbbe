-- Records a lead's decision on a split task, once: two leads deciding the same task at the same instant never both
-- win, and a task that is not waiting is left alone.
-- KEYS[1] adjudication (queue)   KEYS[2] final
-- ARGV[1] task id   ARGV[2] final label JSON
-- Returns 1 when recorded, 0 when the task was not waiting

if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
