-- Acknowledges a message: it was sent, or it is no longer wanted. Gone from the outbox for good.
-- KEYS[1] items   KEYS[2] due   KEYS[3] attempts   KEYS[4] parked   KEYS[5] claims
-- ARGV[1] id
-- Returns 1 when the message was there.
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[5], ARGV[1])
return redis.call('HDEL', KEYS[1], ARGV[1])
