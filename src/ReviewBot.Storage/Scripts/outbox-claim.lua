-- Claims the messages that are due: each is hidden from other sweepers until ARGV[2] from now, and comes back by
-- itself if the claimer dies before acknowledging it. Ids whose message is gone (acknowledged meanwhile) are dropped.
-- KEYS[1] items (hash)   KEYS[2] due (zset)   KEYS[3] attempts (hash id → failed sends)
-- KEYS[4] claims (hash id → until when the claim hides it, unix ms): what is in flight, for people to see
-- ARGV[1] now (unix ms)   ARGV[2] how long a claim hides a message (ms)   ARGV[3] at most this many
-- Returns {id, message JSON, failed sends so far, ...}
local now = tonumber(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
for _, id in ipairs(due) do
  local message = redis.call('HGET', KEYS[1], id)
  if message then
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), id)
    redis.call('HSET', KEYS[4], id, now + tonumber(ARGV[2]))
    table.insert(claimed, id)
    table.insert(claimed, message)
    table.insert(claimed, redis.call('HGET', KEYS[3], id) or '0')
  else
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[4], id)
  end
end
return claimed
