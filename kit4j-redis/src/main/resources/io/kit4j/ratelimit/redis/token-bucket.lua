-- kit4j-redis: one decision of a shared token bucket (golang.org/x/time/rate's reserveN), atomic on the server.
--
-- KEYS[1]  the bucket: a hash with t (tokens, a float) and l (the time of the last update, microseconds of
--          the server's TIME). A missing key is a full bucket.
-- ARGV[1]  rate: tokens added per second (positive, finite)
-- ARGV[2]  burst: the bucket size (at least 1)
-- ARGV[3]  n: tokens to take (at least 1)
-- ARGV[4]  maxWait: microseconds the caller would wait for its tokens; 0 for AllowN (take them now or not at all)
-- ARGV[5]  margin: milliseconds the key lives on past the time it would be full again
--
-- Returns {granted, wait, tokens}: granted 1 when the n tokens were taken (the events may happen after wait
-- microseconds), 0 when nothing changed (wait: microseconds until n tokens would be there, -1 when never:
-- n above the burst); tokens is what the bucket holds after the decision, as a string.
--
-- TIME in a script that writes: allowed since Redis 5 (scripts replicate as their effects), the default and
-- only mode since Redis 7. Every gateway thus reads one clock, the server's.
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local maxWait = tonumber(ARGV[4])
local margin = tonumber(ARGV[5])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local state = redis.call('HMGET', KEYS[1], 't', 'l')
local tokens = tonumber(state[1])
local last = tonumber(state[2])
if tokens == nil or last == nil then
  tokens = burst
  last = now
end
-- advance: a clock that went back counts as no time passed (rate's "if t.Before(last) { last = t }")
if now < last then
  last = now
end
tokens = tokens + (now - last) / 1000000 * rate
if tokens > burst then
  tokens = burst
end

if n > burst then
  return {0, -1, string.format('%.17g', tokens)}
end
local left = tokens - n
local wait = 0
if left < 0 then
  wait = math.ceil(-left / rate * 1000000)
end
if wait > maxWait then
  return {0, wait, string.format('%.17g', tokens)}
end

redis.call('HSET', KEYS[1], 't', string.format('%.17g', left), 'l', string.format('%d', now))
-- a full bucket and a missing key are the same, so the key may go once it would be full again
local ttl = math.ceil((burst - left) / rate * 1000) + margin
redis.call('PEXPIRE', KEYS[1], ttl)
return {1, wait, string.format('%.17g', left)}
