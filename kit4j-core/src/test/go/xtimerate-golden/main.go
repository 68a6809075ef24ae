// Command xtimerate-golden prints a table of golang.org/x/time/rate results that kit4j's Limiter must
// reproduce bit for bit (see XTimeRateGoldenTest). It uses only the package's public API.
//
// Run it with gen.sh beside it, which records the Go and x/time versions in the table's header.
//
// Times are int64 nanosecond offsets from a fixed base; kit4j uses the same numbers as its explicit
// times. Floats are printed as the hex of their IEEE-754 bits. Line formats (tab-separated):
//
//	S name limit burst      a new limiter: NewLimiter(limit, burst)
//	A t n ok                AllowN(t, n)
//	R t n ok delay          r := ReserveN(t, n); r.OK(); r.DelayFrom(t)   (reservations are numbered from 0)
//	D i t delay             reservation i: DelayFrom(t)
//	C i t                   reservation i: CancelAt(t)
//	T t tokens              TokensAt(t)
//	L t limit               SetLimitAt(t, limit)
//	B t burst               SetBurstAt(t, burst)
//	G limit burst           Limit(), Burst()
//	E interval limit        Every(interval)
//
// The scenarios avoid what this package's older releases do differently from the current x/time/rate
// (a limit of exactly 0, a starting limit too small to fill the bucket from the zero time, waits beyond
// math.MaxInt64 nanoseconds), so that the table is valid for both.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand"
	"os"
	"runtime"
	"time"

	"golang.org/x/time/rate"
)

const d = 100 * time.Millisecond

var (
	base = time.Unix(1_700_000_000, 0)
	out  *bufio.Writer
)

func at(off int64) time.Time { return base.Add(time.Duration(off)) }

func bits(f float64) string { return fmt.Sprintf("%016x", math.Float64bits(f)) }

type scenario struct {
	lim *rate.Limiter
	res []*rate.Reservation
}

func start(name string, limit rate.Limit, burst int) *scenario {
	fmt.Fprintf(out, "S\t%s\t%s\t%d\n", name, bits(float64(limit)), burst)
	return &scenario{lim: rate.NewLimiter(limit, burst)}
}

func (s *scenario) allow(t int64, n int) {
	fmt.Fprintf(out, "A\t%d\t%d\t%t\n", t, n, s.lim.AllowN(at(t), n))
}

func (s *scenario) reserve(t int64, n int) int {
	r := s.lim.ReserveN(at(t), n)
	s.res = append(s.res, r)
	fmt.Fprintf(out, "R\t%d\t%d\t%t\t%d\n", t, n, r.OK(), int64(r.DelayFrom(at(t))))
	return len(s.res) - 1
}

func (s *scenario) delay(i int, t int64) {
	fmt.Fprintf(out, "D\t%d\t%d\t%d\n", i, t, int64(s.res[i].DelayFrom(at(t))))
}

func (s *scenario) cancel(i int, t int64) {
	s.res[i].CancelAt(at(t))
	fmt.Fprintf(out, "C\t%d\t%d\n", i, t)
}

func (s *scenario) tokens(t int64) {
	v := s.lim.TokensAt(at(t))
	fmt.Fprintf(out, "T\t%d\t%s\t%v\n", t, bits(v), v)
}

func (s *scenario) setLimit(t int64, l rate.Limit) {
	s.lim.SetLimitAt(at(t), l)
	fmt.Fprintf(out, "L\t%d\t%s\n", t, bits(float64(l)))
}

func (s *scenario) setBurst(t int64, b int) {
	s.lim.SetBurstAt(at(t), b)
	fmt.Fprintf(out, "B\t%d\t%d\n", t, b)
}

func (s *scenario) get() {
	fmt.Fprintf(out, "G\t%s\t%d\n", bits(float64(s.lim.Limit())), s.lim.Burst())
}

// tables in the spirit of x/time/rate's own tests, with t_k = k*d.
func tables() {
	tk := func(k int64) int64 { return k * int64(d) }
	s := start("burst1", 10, 1)
	for _, a := range []struct {
		k int64
		n int
	}{{0, 1}, {0, 1}, {0, 1}, {1, 1}, {1, 1}, {1, 1}, {2, 2}, {2, 1}, {2, 1}} {
		s.allow(tk(a.k), a.n)
	}
	s = start("burst3", 10, 3)
	for _, a := range []struct {
		k int64
		n int
	}{{0, 2}, {0, 2}, {0, 1}, {0, 1}, {1, 4}, {2, 1}, {3, 1}, {4, 1}, {4, 1}, {4, 1}, {4, 1}, {9, 3}, {9, 0}} {
		s.allow(tk(a.k), a.n)
	}
	s = start("jumpBackwards", 10, 3)
	for _, a := range []struct {
		k int64
		n int
	}{{1, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {1, 1}, {1, 1}, {1, 1}, {2, 1}, {2, 1}, {2, 1}} {
		s.allow(tk(a.k), a.n)
	}
	s = start("simpleReserve", 10, 2)
	s.reserve(tk(0), 2)
	s.reserve(tk(0), 2)
	s.reserve(tk(3), 2)
	s = start("mix", 10, 2)
	s.reserve(tk(0), 3)
	s.reserve(tk(0), 2)
	s.allow(tk(1), 2)
	s.reserve(tk(1), 2)
	s.allow(tk(1), 1)
	s.allow(tk(3), 1)
	s = start("cancelInvalid", 10, 2)
	s.reserve(tk(0), 2)
	s.cancel(s.reserve(tk(0), 3), tk(0))
	s.reserve(tk(0), 2)
	s = start("cancelLast", 10, 2)
	s.reserve(tk(0), 2)
	s.cancel(s.reserve(tk(0), 2), tk(1))
	s.reserve(tk(1), 2)
	s = start("cancelTooLate", 10, 2)
	s.reserve(tk(0), 2)
	s.cancel(s.reserve(tk(0), 2), tk(3))
	s.reserve(tk(3), 2)
	s = start("cancel0Tokens", 10, 2)
	s.reserve(tk(0), 2)
	r := s.reserve(tk(0), 1)
	s.reserve(tk(0), 1)
	s.cancel(r, tk(0))
	s.reserve(tk(0), 1)
	s = start("cancel1Token", 10, 2)
	s.reserve(tk(0), 2)
	r = s.reserve(tk(0), 2)
	s.reserve(tk(0), 1)
	s.cancel(r, tk(2))
	s.reserve(tk(2), 2)
	s = start("cancelMulti", 10, 4)
	s.reserve(tk(0), 4)
	ra := s.reserve(tk(0), 3)
	s.reserve(tk(0), 1)
	rc := s.reserve(tk(0), 1)
	s.cancel(rc, tk(1))
	s.cancel(ra, tk(1))
	s.reserve(tk(1), 3)
	s = start("reserveJumpBack", 10, 2)
	s.reserve(tk(1), 2)
	s.reserve(tk(0), 1)
	s.reserve(tk(2), 2)
	s = start("reserveJumpBackCancel", 10, 2)
	s.reserve(tk(1), 2)
	r = s.reserve(tk(1), 2)
	s.reserve(tk(1), 1)
	s.cancel(r, tk(0))
	s.reserve(tk(1), 2)
	s = start("reserveSetLimit", 5, 2)
	s.reserve(tk(0), 2)
	s.reserve(tk(0), 2)
	s.setLimit(tk(2), 10)
	s.reserve(tk(2), 1)
	s = start("reserveSetBurst", 5, 2)
	s.reserve(tk(0), 2)
	s.reserve(tk(0), 2)
	s.setBurst(tk(3), 4)
	s.reserve(tk(0), 4)
	s = start("reserveSetLimitCancel", 5, 2)
	s.reserve(tk(0), 2)
	r = s.reserve(tk(0), 2)
	s.setLimit(tk(2), 10)
	s.cancel(r, tk(2))
	s.reserve(tk(2), 2)
	s = start("noTruncationErrors", 0.7692307692307693, 1)
	s.allow(0, 1)
	s = start("infIgnoresBurst", rate.Inf, 0)
	s.allow(0, 3)
	r = s.reserve(0, 5)
	s.setLimit(1, 10)
	s.tokens(1)
	s.cancel(r, 0) // an Inf reservation carries limit 0, so all 5 tokens come back (capped at burst 0)
	s.tokens(1)
	s.get()
	s = start("negativeLimitWaitsForever", 10, 1)
	s.allow(0, 1)
	s.setLimit(0, -1)
	r = s.reserve(tk(1), 1)
	s.delay(r, tk(2))
	s.delay(r, math.MaxInt64)
	s.tokens(tk(50))
	s.cancel(r, tk(3))
	s.tokens(tk(3))
	s.reserve(tk(3), 1)
	s.allow(tk(3), 1)
}

var (
	startLimits = []rate.Limit{10, 3, 0.7692307692307693, 0.001, 1e6, 1234.5678, 2.5, 0.1,
		rate.Every(3 * time.Millisecond), rate.Every(7 * time.Second / 3), rate.Every(time.Nanosecond), rate.Inf}
	setLimits = append(append([]rate.Limit{}, startLimits...), -1, rate.Every(time.Hour), 0.5)
	bursts    = []int{0, 1, 1, 2, 3, 5, 10, 100}
	ns        = []int{0, 1, 1, 1, 1, 2, 3, 5, -1}
	steps     = []int64{0, 0, 1, 999, int64(time.Millisecond), int64(33 * time.Millisecond), int64(d), int64(d),
		int64(250 * time.Millisecond), int64(time.Second), int64(7300 * time.Millisecond),
		-int64(50 * time.Millisecond), -int64(2 * time.Second)}
	origins = []int64{0, 0, 0, -1 << 62, 1 << 62, math.MaxInt64 - 1e12, math.MinInt64 + 1e12}
)

func random(rng *rand.Rand, id int) {
	s := start(fmt.Sprintf("random%d", id), startLimits[rng.Intn(len(startLimits))], bursts[rng.Intn(len(bursts))])
	t := origins[rng.Intn(len(origins))]
	cancelled := map[int]bool{}
	for op := 0; op < 40; op++ {
		switch x := rng.Intn(8); {
		case x == 0 && rng.Intn(3) == 0:
			t += rng.Int63n(2e9)
		case x == 1:
			t += rng.Int63n(1e6)
		default:
			t += steps[rng.Intn(len(steps))]
		}
		n := ns[rng.Intn(len(ns))]
		switch p := rng.Intn(100); {
		case p < 30:
			s.allow(t, n)
		case p < 55:
			s.reserve(t, n)
		case p < 65:
			if len(s.res) > 0 {
				i := rng.Intn(len(s.res))
				if !cancelled[i] { // kit4j gives tokens back once only; Go on every call
					cancelled[i] = true
					s.cancel(i, t+steps[rng.Intn(len(steps))])
				}
			}
		case p < 75:
			if len(s.res) > 0 {
				probe := t + steps[rng.Intn(len(steps))]
				if rng.Intn(4) == 0 {
					probe = []int64{math.MaxInt64, math.MinInt64, t + rng.Int63n(1<<61)}[rng.Intn(3)]
				}
				s.delay(rng.Intn(len(s.res)), probe)
			}
		case p < 85:
			s.tokens(t + steps[rng.Intn(len(steps))])
		case p < 90:
			s.setLimit(t, setLimits[rng.Intn(len(setLimits))])
		case p < 95:
			s.setBurst(t, bursts[rng.Intn(len(bursts))])
		default:
			s.get()
		}
	}
}

var (
	streamLimits = []rate.Limit{1e9, 1e8, 3e7, 1e6, 1234.5678, 10, 1, 0.7692307692307693, 2.5,
		rate.Every(3 * time.Millisecond), rate.Every(7 * time.Second / 3)}
	streamBursts  = []int{1, 2, 3, 10, 1000, 1_000_000_000}
	streamFactors = []float64{0.1, 0.25, 0.5, 1, 1, 1, 1, 2, 0.999999, 1.000001, 3.7}
)

// stream is a scenario of mostly AllowN(t, 1) at steps around the time one token takes to refill, with a
// few other calls mixed in: the calls that kit4j answers without Go's divisions when it can (a bucket
// the refill fills again, a bucket far from holding a token) and exactly near those boundaries.
func stream(rng *rand.Rand, id int) {
	limit := streamLimits[rng.Intn(len(streamLimits))]
	s := start(fmt.Sprintf("stream%d", id), limit, streamBursts[rng.Intn(len(streamBursts))])
	t := origins[rng.Intn(len(origins))]
	interval := 1e9 / float64(limit)
	cancelled := map[int]bool{}
	for op := 0; op < 150; op++ {
		switch x := rng.Intn(20); {
		case x == 0:
			t += rng.Int63n(3e9)
		case x == 1:
			t += rng.Int63n(3)
		default:
			t += int64(interval*streamFactors[rng.Intn(len(streamFactors))]) + rng.Int63n(5) - 2
		}
		switch p := rng.Intn(100); {
		case p < 85:
			s.allow(t, 1)
		case p < 88:
			s.allow(t, []int{0, 2, 3, -1}[rng.Intn(4)])
		case p < 91:
			s.reserve(t, 1+rng.Intn(2))
		case p < 93:
			if i := len(s.res) - 1; i >= 0 && !cancelled[i] { // kit4j gives tokens back once only
				cancelled[i] = true
				s.cancel(i, t)
			}
		case p < 95:
			s.tokens(t)
		case p < 97:
			s.setLimit(t, streamLimits[rng.Intn(len(streamLimits))])
			interval = 1e9 / float64(s.lim.Limit())
		case p < 99:
			s.setBurst(t, streamBursts[rng.Intn(len(streamBursts))])
		default:
			s.get()
		}
	}
}

func main() {
	xtime := flag.String("xtime", "unknown", "the x/time version, for the header")
	scenarios := flag.Int("n", 400, "random scenarios")
	streams := flag.Int("streams", 120, "stream scenarios")
	flag.Parse()
	out = bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprintf(out, "# golang.org/x/time/rate %s, %s %s/%s; generated by kit4j-core/src/test/go/xtimerate-golden\n",
		*xtime, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	for _, iv := range []int64{0, -1, 1, 999, 1000, int64(time.Millisecond), int64(3 * time.Millisecond),
		int64(7 * time.Second / 3), int64(2500 * time.Millisecond), int64(time.Hour), 1234567891234, math.MaxInt64} {
		fmt.Fprintf(out, "E\t%d\t%s\n", iv, bits(float64(rate.Every(time.Duration(iv)))))
	}
	tables()
	rng := rand.New(rand.NewSource(20251121))
	for i := 0; i < *scenarios; i++ {
		random(rng, i)
	}
	rng = rand.New(rand.NewSource(20251122))
	for i := 0; i < *streams; i++ {
		stream(rng, i)
	}
}
