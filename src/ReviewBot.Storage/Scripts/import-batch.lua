-- Imports a batch all-or-nothing, idempotent on (batch id, task id).
-- KEYS[1] meta   KEYS[2] rules   KEYS[3] tasks   KEYS[4] order   KEYS[5] open   KEYS[6] req   KEYS[7] gold
-- ARGV[1] batch settings JSON   ARGV[2] overlap (the first answers)   ARGV[3] lease ms
-- ARGV[4] overlap max (the same as ARGV[2] when the overlap does not grow)   ARGV[5] gold rate ("0" when none)
-- ARGV[6..] quadruplets: task id, task JSON, effective requirements, "1" for a gold task
-- With a gold rate, gold tasks stay out of the pool (open): the claim offers them to every reviewer at that rate,
-- the least given first (the gold zset counts how often each was given).
-- Returns {"created"|"added"|"unchanged", tasks added, tasks unchanged}, {"changed-batch"} or {"changed-task", task id}

local stored = redis.call('GET', KEYS[1])
if stored and stored ~= ARGV[1] then
  return {'changed-batch'}
end

-- First pass only reads, so a conflict anywhere leaves nothing written.
local added, unchanged = 0, 0
for i = 6, #ARGV, 4 do
  local existing = redis.call('HGET', KEYS[3], ARGV[i])
  if existing then
    if existing ~= ARGV[i + 1] then
      return {'changed-task', ARGV[i]}
    end
    unchanged = unchanged + 1
  end
end

if not stored then
  redis.call('SET', KEYS[1], ARGV[1])
  redis.call('HSET', KEYS[2], 'overlap', ARGV[2], 'overlapMax', ARGV[4], 'goldRate', ARGV[5], 'leaseMs', ARGV[3], 'closed', '0')
end

local position = redis.call('ZCARD', KEYS[4])
for i = 6, #ARGV, 4 do
  local id = ARGV[i]
  if redis.call('HSETNX', KEYS[3], id, ARGV[i + 1]) == 1 then
    position = position + 1
    added = added + 1
    redis.call('ZADD', KEYS[4], position, id)
    if ARGV[i + 3] == '1' and tonumber(ARGV[5]) > 0 then
      redis.call('ZADD', KEYS[7], 0, id)
    else
      redis.call('ZADD', KEYS[5], position, id)
    end
    redis.call('HSET', KEYS[6], id, ARGV[i + 2])
  end
end

if not stored then
  return {'created', added, unchanged}
elseif added > 0 then
  return {'added', added, unchanged}
end
return {'unchanged', added, unchanged}
