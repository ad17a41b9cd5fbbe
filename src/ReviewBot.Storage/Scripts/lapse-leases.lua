-- Ends the leases whose time ran out, so their slots go back to the pool at once rather than at the next claim, and
-- notes their holders as to be told (the same steps as at the top of claim-task.lua: scripts cannot share code).
-- KEYS[1] leases   KEYS[2] assignments   KEYS[3] taken   KEYS[4] open   KEYS[5] order   KEYS[6] holding
-- KEYS[7] lapsed, not yet told (set)   KEYS[8] gold (zset: tasks that hold no slot)
-- ARGV[1] now (unix ms)
-- Returns the number of leases ended

local lapsed = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]), 'LIMIT', 0, 500)
for _, id in ipairs(lapsed) do
  local n = string.match(id, ':(%d+)$') .. ':'
  local task = redis.call('HGET', KEYS[2], n .. 'task')
  redis.call('HSET', KEYS[2], n .. 'state', 'lapsed')
  redis.call('ZREM', KEYS[1], id)
  redis.call('SADD', KEYS[7], id)
  if not redis.call('ZSCORE', KEYS[8], task) then
    redis.call('HINCRBY', KEYS[3], task, -1)
    redis.call('ZADD', KEYS[4], redis.call('ZSCORE', KEYS[5], task), task)
  end
  local holder = redis.call('HGET', KEYS[2], n .. 'person') or redis.call('HGET', KEYS[2], n .. 'reviewer')
  if redis.call('HGET', KEYS[6], holder) == id then
    redis.call('HDEL', KEYS[6], holder)
  end
end
return #lapsed
