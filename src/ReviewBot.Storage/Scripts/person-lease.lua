-- Hands a person's lease on (their one open task across batches), only while it still says what the caller set:
-- from "claiming" to the assignment the claim gave, or to nobody. A caller whose lease ran out in the meantime, and
-- may since belong to another claim, changes nothing.
-- KEYS[1] lease (this person)
-- ARGV[1] value the caller set   ARGV[2] new value ("" lets go)   ARGV[3] time to live of the new value (ms)
-- Returns 1 when handed on, 0 when the lease no longer said ARGV[1]

if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1
