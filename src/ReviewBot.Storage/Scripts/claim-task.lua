-- Leases the next task slot of one batch to one person, atomically: two reviewers asking at the same instant
-- never both get the last slot, and nobody gets a task they have had on any of their keys.
-- KEYS[1] rules   KEYS[2] open   KEYS[3] order   KEYS[4] taken   KEYS[5] seen (this person)   KEYS[6] leases
-- KEYS[7] holding   KEYS[8] req   KEYS[9] seq   KEYS[10] assignments   KEYS[11] lapsed, not yet told (set)
-- KEYS[12] slots (task → how many reviewers it takes now, when its overlap grew)   KEYS[13] gold (zset: gold task →
-- times given, when the batch has a goldRate)   KEYS[14] gold mix (person:gold, person:all → tasks given)
-- KEYS[15…] seen under the person ids merged into this person (read, never written)
-- ARGV[1] now (unix ms)   ARGV[2] now (ISO 8601)   ARGV[3] reviewer key asking   ARGV[4] credential ("" when none)
-- ARGV[5] specialties ",a,b,"   ARGV[6] batch id   ARGV[7] person id
-- Returns {"assigned"|"holding", assignment id, task id, delivered ISO, expires ms, reviewer key it went to},
-- {"none"}, {"closed"} or {"missing"}

local now = tonumber(ARGV[1])
local reviewer = ARGV[3]
local person = ARGV[7]

-- Assignment ID:N keeps its attributes in KEYS[10] as fields "N:name".
local function prefix_of(id)
  return string.match(id, ':(%d+)$') .. ':'
end

local overlap = redis.call('HGET', KEYS[1], 'overlap')
if not overlap then
  return {'missing'}
end
overlap = tonumber(overlap)

-- Lapsed leases give their slot back before anyone is served, so the next asker gets it; their holders are to be
-- told (the same steps as lapse-leases.lua, which does them between claims: scripts cannot share code).
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', now, 'LIMIT', 0, 200)
for _, id in ipairs(lapsed) do
  local n = prefix_of(id)
  local task = redis.call('HGET', KEYS[10], n .. 'task')
  redis.call('HSET', KEYS[10], n .. 'state', 'lapsed')
  redis.call('ZREM', KEYS[6], id)
  redis.call('SADD', KEYS[11], id)
  -- A gold task holds no slot: it is offered to everyone apart from the pool.
  if not redis.call('ZSCORE', KEYS[13], task) then
    redis.call('HINCRBY', KEYS[4], task, -1)
    redis.call('ZADD', KEYS[2], redis.call('ZSCORE', KEYS[3], task), task)
  end
  -- An assignment from before person ids names only its reviewer, who was then their own person.
  local holder = redis.call('HGET', KEYS[10], n .. 'person') or redis.call('HGET', KEYS[10], n .. 'reviewer')
  if redis.call('HGET', KEYS[7], holder) == id then
    redis.call('HDEL', KEYS[7], holder)
  end
end

local held = redis.call('HGET', KEYS[7], person)
if held then
  local n = prefix_of(held)
  local a = redis.call('HMGET', KEYS[10], n .. 'task', n .. 'deliveredAt', n .. 'expiresMs', n .. 'reviewer')
  return {'holding', held, a[1], a[2], a[3], a[4]}
end

if redis.call('HGET', KEYS[1], 'closed') == '1' then
  return {'closed'}
end

local credential = ARGV[4]
local mine = ARGV[5]

local function eligible(requirements)
  if not requirements then
    return true
  end
  local credentials, specialties = string.match(requirements, '^([^;]*);(.*)$')
  if credentials ~= '' and (credential == '' or not string.find(credentials, ',' .. credential .. ',', 1, true)) then
    return false
  end
  if specialties == '' then
    return true
  end
  for s in string.gmatch(mine, '[^,]+') do
    if string.find(specialties, ',' .. s .. ',', 1, true) then
      return true
    end
  end
  return false
end

-- A person's history may also sit under ids a roster link merged into theirs: all of it counts.
local function had(task)
  if redis.call('SISMEMBER', KEYS[5], task) == 1 then
    return true
  end
  for i = 15, #KEYS do
    if redis.call('SISMEMBER', KEYS[i], task) == 1 then
      return true
    end
  end
  return false
end

local function assign(task, source)
  local sequence = redis.call('INCR', KEYS[9])
  local id = ARGV[6] .. ':' .. sequence
  local expires = now + tonumber(redis.call('HGET', KEYS[1], 'leaseMs'))
  local n = sequence .. ':'
  redis.call('HSET', KEYS[10], n .. 'task', task, n .. 'reviewer', reviewer, n .. 'person', person, n .. 'deliveredMs', now,
    n .. 'deliveredAt', ARGV[2], n .. 'expiresMs', expires, n .. 'state', 'open')
  redis.call('ZADD', KEYS[6], expires, id)
  redis.call('SADD', KEYS[5], task)
  redis.call('HSET', KEYS[7], person, id)
  redis.call('HINCRBY', KEYS[14], person .. ':all', 1)
  if source == 'gold' then
    redis.call('HINCRBY', KEYS[14], person .. ':gold', 1)
    redis.call('ZINCRBY', KEYS[13], 1, task)
  end
  return {'assigned', id, task, ARGV[2], tostring(expires), reviewer}
end

-- With a goldRate, every reviewer meets gold tasks at that share of what they are given, and each gold task goes to
-- everyone eligible (it measures the reviewer, so the overlap does not limit it), the least given first so that all
-- of them are used.
local rate = tonumber(redis.call('HGET', KEYS[1], 'goldRate')) or 0
if rate > 0 then
  local mix = redis.call('HMGET', KEYS[14], person .. ':gold', person .. ':all')
  local gold, all = tonumber(mix[1]) or 0, tonumber(mix[2]) or 0
  if gold + 1 <= rate * (all + 1) + 1e-9 then
    for _, task in ipairs(redis.call('ZRANGE', KEYS[13], 0, -1)) do
      if not had(task) and eligible(redis.call('HGET', KEYS[8], task)) then
        return assign(task, 'gold')
      end
    end
  end
end

local page = 200
local start = 0
while true do
  local tasks = redis.call('ZRANGE', KEYS[2], start, start + page - 1)
  if #tasks == 0 then
    return {'none'}
  end
  for _, task in ipairs(tasks) do
    if not had(task) and eligible(redis.call('HGET', KEYS[8], task)) then
      local slots = tonumber(redis.call('HGET', KEYS[12], task)) or overlap
      if redis.call('HINCRBY', KEYS[4], task, 1) >= slots then
        redis.call('ZREM', KEYS[2], task)
      end
      return assign(task, 'pool')
    end
  end
  start = start + page
end
