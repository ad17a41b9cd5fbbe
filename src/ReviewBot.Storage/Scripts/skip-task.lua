-- Hands a task back: the slot returns to the pool, the person keeps it in their seen set so it never comes back
-- to them on any key, and the reason is counted.
-- KEYS[1] assignments   KEYS[2] leases   KEYS[3] holding   KEYS[4] skips   KEYS[5] stats   KEYS[6] taken
-- KEYS[7] open   KEYS[8] order   KEYS[9] gold (zset: tasks that hold no slot)
-- ARGV[1] assignment id   ARGV[2] the submitter's person ids, each between spaces   ARGV[3] task id
-- ARGV[4] now (unix ms)   ARGV[5] skip JSON   ARGV[6] reason
-- Returns {"skipped"|"duplicate", skip JSON}, {"answered"}, {"lapsed"}, {"missing"} or {"mismatch"}

-- Assignment ID:N keeps its attributes in KEYS[1] as fields "N:name".
local n = string.match(ARGV[1], ':(%d+)$') .. ':'
local a = redis.call('HMGET', KEYS[1], n .. 'task', n .. 'reviewer', n .. 'expiresMs', n .. 'state', n .. 'person')
if not a[1] then
  return {'missing'}
end
-- The assignment is the person's, whichever of their keys skips (one from before person ids: its reviewer's).
local owner = a[5] or a[2]
if a[1] ~= ARGV[3] or not string.find(ARGV[2], ' ' .. owner .. ' ', 1, true) then
  return {'mismatch'}
end
if a[4] == 'skipped' then
  return {'duplicate', redis.call('HGET', KEYS[4], ARGV[1])}
elseif a[4] == 'answered' then
  return {'answered'}
elseif a[4] == 'lapsed' or tonumber(a[3]) < tonumber(ARGV[4]) then
  return {'lapsed'}
end

redis.call('HSET', KEYS[4], ARGV[1], ARGV[5])
redis.call('HSET', KEYS[1], n .. 'state', 'skipped')
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HGET', KEYS[3], owner) == ARGV[1] then
  redis.call('HDEL', KEYS[3], owner)
end
if not redis.call('ZSCORE', KEYS[9], ARGV[3]) then
  redis.call('HINCRBY', KEYS[6], ARGV[3], -1)
  redis.call('ZADD', KEYS[7], redis.call('ZSCORE', KEYS[8], ARGV[3]), ARGV[3])
end
redis.call('HINCRBY', KEYS[5], 'skips', 1)
redis.call('HINCRBY', KEYS[5], 'skips:' .. ARGV[6], 1)
return {'skipped', ARGV[5]}
