-- A send failed: try again after ARGV[3], or, after ARGV[4] failures, park the message where people can see it. A
-- parked message stays in the outbox (nothing is lost) but no sweeper sends it again by itself.
-- KEYS[1] items   KEYS[2] due   KEYS[3] attempts   KEYS[4] parked (zset id → when parked)   KEYS[5] claims
-- ARGV[1] id   ARGV[2] now (unix ms)   ARGV[3] delay before the next try (ms)   ARGV[4] most failures before parking
-- Returns {"retry"|"parked", failures so far}
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return {'gone', 0}
end
redis.call('HDEL', KEYS[5], ARGV[1])
local failures = redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
if failures >= tonumber(ARGV[4]) then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZADD', KEYS[4], tonumber(ARGV[2]), ARGV[1])
  return {'parked', failures}
end
redis.call('ZADD', KEYS[2], tonumber(ARGV[2]) + tonumber(ARGV[3]), ARGV[1])
return {'retry', failures}
