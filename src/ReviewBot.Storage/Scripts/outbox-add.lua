-- Puts messages in an outbox, each to go at its time. Adding an id that is already there changes nothing, so a
-- retried add never sends twice; unless the message replaces what waits under its id (a snoozed nudge moves).
-- KEYS[1] items (hash id → message JSON)   KEYS[2] due (zset id → when, unix ms)   KEYS[3] attempts   KEYS[4] claims
-- ARGV quadruples: id, message JSON, due (unix ms), "1" to replace what waits under the id or "0" to keep it
-- Returns the number of messages added or replaced.
local added = 0
for i = 1, #ARGV, 4 do
  if ARGV[i + 3] == '1' then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    redis.call('HDEL', KEYS[3], ARGV[i])
    redis.call('HDEL', KEYS[4], ARGV[i])
    redis.call('ZADD', KEYS[2], ARGV[i + 2], ARGV[i])
    added = added + 1
  elseif redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('ZADD', KEYS[2], ARGV[i + 2], ARGV[i])
    added = added + 1
  end
end
return added
