-- Writes one web chat message: appended to its conversation's log, or put in place of a message it replaces (a
-- task card answered, a form shown again with its errors). Every write takes the conversation's next revision, so a
-- page asking for "everything after revision N" gets new and replaced messages alike, in one atomic step.
-- A message from the outbox carries its outbox id: written once however often the outbox delivers it.
-- KEYS[1] messages (list, oldest first; message N is at index N-1)   KEYS[2] sequence (the last revision given)
-- KEYS[3] outbox ids already written (set)
-- ARGV[1] id of the message to replace, or 0 to append
-- ARGV[2] the message as a JSON object without id and rev; they are written in front of its first property
-- ARGV[3] its outbox id, or "" when it does not come from the outbox
-- Returns {id, rev}, {0, 0} when the message to replace is not in the log, or {-1, -1} when it was written before

if ARGV[3] ~= '' and redis.call('SADD', KEYS[3], ARGV[3]) == 0 then
  return {-1, -1}
end
local length = redis.call('LLEN', KEYS[1])
local id = tonumber(ARGV[1])
if id > length then
  return {0, 0}
end
local rev = redis.call('INCR', KEYS[2])
if id == 0 then
  id = length + 1
end
local stored = '{"id":' .. id .. ',"rev":' .. rev .. ',' .. string.sub(ARGV[2], 2)
if id > length then
  redis.call('RPUSH', KEYS[1], stored)
else
  redis.call('LSET', KEYS[1], id - 1, stored)
end
return {id, rev}
