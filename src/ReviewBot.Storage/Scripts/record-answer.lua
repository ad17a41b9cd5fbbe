-- Records an answer in one round trip: checks the lease is live and unanswered, stamps delivery, active time and
-- pay from the server's own copy of the assignment, writes the answer, updates counters, and puts its follow-ups
-- (harm alerts to leads) in the batch's outbox, so they are sent if and only if the answer is recorded. When the
-- batch's overlap grows ({"min": 2, "max": 4}) it also decides, in the same step, whether the task's answers so far
-- call for one more opinion, so two racing answers can never both open a slot nor a task pass its max.
-- KEYS[1] assignments   KEYS[2] leases   KEYS[3] holding   KEYS[4] answers   KEYS[5] stats   KEYS[6] durations
-- KEYS[7] answered   KEYS[8] outbox items   KEYS[9] ledger (this person)   KEYS[10] outbox due
-- KEYS[11] rules   KEYS[12] slots   KEYS[13] opinions   KEYS[14] open   KEYS[15] order   KEYS[16] adjudication
-- KEYS[17] gold (zset: tasks everyone answers, which never grow)
-- ARGV[1] assignment id   ARGV[2] the submitter's person ids, each between spaces   ARGV[3] task id   ARGV[4] now (unix ms)
-- ARGV[5] answer JSON without its closing brace   ARGV[6] active-time cap (s)   ARGV[7] price per task ("" = hourly)
-- ARGV[8] hourly rate   ARGV[9] kind   ARGV[10] harm: "none", "flag" or "severe"
-- ARGV[11] follow-up messages (JSON), one per line: compact JSON never holds a raw line break
-- ARGV[12] the answer's opinion as the growth rule compares it: "b:<best response>" (rank), "h:<harm level 0-3>"
-- (evaluate), "" for kinds it does not compare
-- Returns {"recorded", answer JSON, "grown"|"split"|"settled"}, {"duplicate", answer JSON}, {"lapsed"}, {"skipped"},
-- {"missing"} or {"mismatch"}

-- Assignment ID:N keeps its attributes in KEYS[1] as fields "N:name".
local n = string.match(ARGV[1], ':(%d+)$') .. ':'
local a = redis.call('HMGET', KEYS[1], n .. 'task', n .. 'reviewer', n .. 'deliveredMs', n .. 'deliveredAt', n .. 'expiresMs',
  n .. 'state', n .. 'person')
if not a[1] then
  return {'missing'}
end
-- The assignment is the person's, whichever of their keys answers (one from before person ids: its reviewer's).
local owner = a[7] or a[2]
if a[1] ~= ARGV[3] or not string.find(ARGV[2], ' ' .. owner .. ' ', 1, true) then
  return {'mismatch'}
end
local state = a[6]
if state == 'answered' then
  return {'duplicate', redis.call('HGET', KEYS[4], ARGV[1])}
elseif state == 'skipped' then
  return {'skipped'}
end
local now = tonumber(ARGV[4])
if state == 'lapsed' or tonumber(a[5]) < now then
  return {'lapsed'}
end

local active = math.floor((now - tonumber(a[3])) / 1000)
if active < 0 then
  active = 0
end
local cap = tonumber(ARGV[6])
if active > cap then
  active = cap
end
local earned = ARGV[7]
if earned == '' then
  earned = string.format('%.2f', math.floor(tonumber(ARGV[8]) * active / 36 + 0.5) / 100)
end

local answer = ARGV[5] .. ',"deliveredAt":"' .. a[4] .. '","activeSeconds":' .. active .. ',"earned":' .. earned .. '}'
redis.call('HSET', KEYS[4], ARGV[1], answer)
redis.call('HSET', KEYS[1], n .. 'state', 'answered')
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HGET', KEYS[3], owner) == ARGV[1] then
  redis.call('HDEL', KEYS[3], owner)
end
redis.call('HINCRBY', KEYS[7], ARGV[3], 1)
redis.call('ZADD', KEYS[6], active, ARGV[1])
redis.call('ZADD', KEYS[9], now, ARGV[1])
redis.call('HINCRBY', KEYS[5], 'answers', 1)
redis.call('HINCRBY', KEYS[5], 'answers:' .. ARGV[9], 1)
if ARGV[10] ~= 'none' then
  redis.call('HINCRBY', KEYS[5], 'harmFlags', 1)
end
if ARGV[10] == 'severe' then
  redis.call('HINCRBY', KEYS[5], 'severeHarmFlags', 1)
end
local index = 0
for message in string.gmatch(ARGV[11], '[^\n]+') do
  index = index + 1
  local id = ARGV[1] .. '#' .. index
  redis.call('HSET', KEYS[8], id, message)
  redis.call('ZADD', KEYS[10], now, id)
end

-- One more opinion is called for once every slot the task has now is answered, when those answers disagree on the
-- best response, or lie two or more harm levels apart, or one of them saw severe harm. At max, a task whose answers
-- still disagree goes to the leads' adjudication queue.
local outcome = 'settled'
local rules = redis.call('HMGET', KEYS[11], 'overlap', 'overlapMax')
local min = tonumber(rules[1])
local max = tonumber(rules[2]) or min
if ARGV[12] ~= '' and not redis.call('ZSCORE', KEYS[17], ARGV[3]) then
  local opinions = (redis.call('HGET', KEYS[13], ARGV[3]) or '') .. ARGV[12] .. ' '
  redis.call('HSET', KEYS[13], ARGV[3], opinions)
  local slots = tonumber(redis.call('HGET', KEYS[12], ARGV[3])) or min
  if max > min and tonumber(redis.call('HGET', KEYS[7], ARGV[3])) >= slots then
    local best, low, high = nil, nil, nil
    local differ, severe = false, false
    for kind, value in string.gmatch(opinions, '(%a):(%S+)') do
      if kind == 'b' then
        if best and best ~= value then
          differ = true
        end
        best = value
      else
        local level = tonumber(value)
        low = math.min(low or level, level)
        high = math.max(high or level, level)
        severe = severe or level == 3
      end
    end
    differ = differ or (low ~= nil and high - low >= 2)
    if (differ or severe) and slots < max then
      redis.call('HSET', KEYS[12], ARGV[3], slots + 1)
      -- The extra slot goes ahead of untouched work, to the next reviewer eligible for the task.
      redis.call('ZADD', KEYS[14], -tonumber(redis.call('ZSCORE', KEYS[15], ARGV[3])), ARGV[3])
      outcome = 'grown'
    elseif differ then
      if not redis.call('ZSCORE', KEYS[16], ARGV[3]) then
        redis.call('ZADD', KEYS[16], now, ARGV[3])
      end
      outcome = 'split'
    end
  end
end
return {'recorded', answer, outcome}
