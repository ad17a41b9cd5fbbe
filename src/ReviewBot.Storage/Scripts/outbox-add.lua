-- Puts messages in an outbox, each to go at its time. Adding an id that is already there changes nothing, so a
-- retried add never sends twice.
-- KEYS[1] items (hash id → message JSON)   KEYS[2] due (zset id → when, unix ms)
-- ARGV triplets: id, message JSON, due (unix ms)
-- Returns the number of messages added.
local added = 0
for i = 1, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('ZADD', KEYS[2], ARGV[i + 2], ARGV[i])
    added = added + 1
  end
end
return added
