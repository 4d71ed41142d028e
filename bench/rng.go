package bench

// The random number streams of dbgen (TPC-H specification §4.2): every
// column draws from its own Park–Miller "minimum standard" LCG stream
// (seed = seed*16807 mod 2^31-1). After each row every stream of the table
// is advanced to a fixed per-row number of draws (its boundary), so row r of
// a table starts with each stream at seed·16807^((r-1)·boundary): that is
// what lets a chunk of rows be generated independently of the rows before it.

const (
	rngMult   = 16807
	rngModulo = 2147483647
	rngModF   = 2147483647.0
	maxLong   = 0x7FFFFFFF
)

// Stream indexes, as dbgen numbers them.
const (
	sdPMfg = iota
	sdPBrnd
	sdPType
	sdPSize
	sdPCntr
	sdTextPool
	sdPCmnt
	sdPsQty
	sdPsScst
	sdPsCmnt
	sdOSupp
	sdOClrk
	sdOCmnt
	sdODate
	sdLQty
	sdLDcnt
	sdLTax
	sdLShip
	sdLSmode
	sdLPkey
	sdLSkey
	sdLSdte
	sdLCdte
	sdLRdte
	sdLRflg
	sdLCmnt
	sdCAddr
	sdCNtrg
	sdCPhne
	sdCAbal
	sdCMseg
	sdCCmnt
	sdSAddr
	sdSNtrg
	sdSPhne
	sdSAbal
	sdSCmnt
	sdPName
	sdOPrio
	sdHVar
	sdOCkey
	sdNCmnt
	sdRCmnt
	sdOLcnt
	sdBBBJunk
	sdBBBType
	sdBBBCmnt
	sdBBBOffset
	numStreams
)

// streamDef is a stream's initial seed and its per-row boundary.
type streamDef struct {
	seed     int64
	boundary int64
}

// streamDefs holds dbgen's initial seeds and per-row draw counts.
var streamDefs = [numStreams]streamDef{
	{1, 1}, {46831694, 1}, {1841581359, 1}, {1193163244, 1}, {727633698, 1},
	{933588178, 1}, {804159733, 2},
	{1671059989, 4}, {1051288424, 4}, {1961692154, 8},
	{1227283347, 1}, {1171034773, 1}, {276090261, 2}, {1066728069, 1},
	{209208115, 7}, {554590007, 7}, {721958466, 7}, {1371272478, 7}, {675466456, 7},
	{1808217256, 7}, {2095021727, 7}, {1769349045, 7}, {904914315, 7}, {373135028, 7},
	{717419739, 7}, {1095462486, 14},
	{881155353, 9}, {1489529863, 1}, {1521138112, 3}, {298370230, 1}, {1140279430, 1}, {1335826707, 2},
	{706178559, 9}, {110356601, 1}, {884434366, 3}, {962338209, 1}, {1341315363, 2},
	{709314158, 92}, {591449447, 1}, {431918286, 1}, {851767375, 1},
	{606179079, 2}, {1500869201, 2}, {1434868289, 1},
	{263032577, 1}, {753643799, 1}, {202794285, 1}, {715851524, 1},
}

// Streams used by each generation group, advanced together after each row.
var (
	partStreams = []int{sdPMfg, sdPBrnd, sdPType, sdPSize, sdPCntr, sdPCmnt, sdPName,
		sdPsQty, sdPsScst, sdPsCmnt}
	suppStreams = []int{sdSAddr, sdSNtrg, sdSPhne, sdSAbal, sdSCmnt,
		sdBBBJunk, sdBBBType, sdBBBCmnt, sdBBBOffset}
	custStreams  = []int{sdCAddr, sdCNtrg, sdCPhne, sdCAbal, sdCMseg, sdCCmnt}
	orderStreams = []int{sdOSupp, sdOClrk, sdOCmnt, sdODate, sdOPrio, sdOCkey, sdOLcnt,
		sdLQty, sdLDcnt, sdLTax, sdLShip, sdLSmode, sdLPkey, sdLSkey, sdLSdte, sdLCdte,
		sdLRdte, sdLRflg, sdLCmnt, sdHVar}
	nationStreams = []int{sdNCmnt}
	regionStreams = []int{sdRCmnt}
)

// powMod returns 16807^n mod 2^31-1.
func powMod(n int64) int64 {
	result, mult := int64(1), int64(rngMult)
	for n > 0 {
		if n&1 != 0 {
			result = result * mult % rngModulo
		}
		n >>= 1
		mult = mult * mult % rngModulo
	}
	return result
}

// stream is one random stream's current value and draws in this row.
type stream struct {
	value int64
	usage int64
}

// rng holds the streams of one generation group.
type rng struct {
	s     [numStreams]stream
	group []int
	// pow[n] is 16807^n, for advancing a stream to its boundary cheaply.
	pow [2*92 + 1]int64
}

// newRNG returns the streams of group positioned at the start of row (1-based).
func newRNG(group []int, row int64) *rng {
	r := &rng{group: group}
	r.pow[0] = 1
	for i := 1; i < len(r.pow); i++ {
		r.pow[i] = r.pow[i-1] * rngMult % rngModulo
	}
	for i := range r.s {
		r.s[i].value = streamDefs[i].seed
	}
	for _, i := range group {
		skip := (row - 1) * streamDefs[i].boundary
		r.s[i].value = r.s[i].value * powMod(skip) % rngModulo
	}
	return r
}

// unif returns an integer uniform in [lo, hi] from stream i (dbgen UnifInt).
func (r *rng) unif(i int, lo, hi int64) int64 {
	s := &r.s[i]
	s.value = s.value * rngMult % rngModulo
	s.usage++
	dRange := float64(hi - lo + 1)
	if hi == maxLong && lo == 0 {
		dRange = float64(int64(int32(hi-lo)) + 1)
	}
	return lo + int64(float64(s.value)/rngModF*dRange)
}

// rowStop advances every stream of the group to its per-row boundary.
func (r *rng) rowStop() {
	for _, i := range r.group {
		s := &r.s[i]
		n := streamDefs[i].boundary - s.usage
		if n > 0 {
			if n < int64(len(r.pow)) {
				s.value = s.value * r.pow[n] % rngModulo
			} else {
				s.value = s.value * powMod(n) % rngModulo
			}
		}
		s.usage = 0
	}
}
