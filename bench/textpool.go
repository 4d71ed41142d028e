package bench

// textPoolSize is the size of the text pool. Every comment is a substring
// of the pool at a random offset, so the size fixes the comment texts. The
// TPC's dbgen uses 300 MiB; the reference data we compare with (and DuckDB's
// dbgen, which made it) uses 10 MiB, which is also far cheaper to build
// (about 30 ms). Keys and numbers do not depend on it.
const textPoolSize = 10 * 1024 * 1024

// poolGen generates the sentences of the text pool from stream 5.
type poolGen struct {
	seed int64
	d    *dists
	buf  []byte
}

func (g *poolGen) draw(hi int64) int64 {
	g.seed = g.seed * rngMult % rngModulo
	return 1 + int64(float64(g.seed)/rngModF*float64(hi))
}

// word appends a word picked from d followed by a space.
func (g *poolGen) word(d *dist) {
	g.buf = append(g.buf, d.words[d.byDraw[g.draw(d.total())]]...)
	g.buf = append(g.buf, ' ')
}

func (g *poolGen) nounPhrase() {
	d := g.d
	switch d.np.byDraw[g.draw(d.np.total())] {
	case 0:
		g.word(d.nouns)
	case 1:
		g.word(d.adjectives)
		g.word(d.nouns)
	case 2:
		g.word(d.adjectives)
		g.buf[len(g.buf)-1] = ','
		g.buf = append(g.buf, ' ')
		g.word(d.adjectives)
		g.word(d.nouns)
	default:
		g.word(d.adverbs)
		g.word(d.adjectives)
		g.word(d.nouns)
	}
}

func (g *poolGen) verbPhrase() {
	d := g.d
	switch d.vp.byDraw[g.draw(d.vp.total())] {
	case 0:
		g.word(d.verbs)
	case 1:
		g.word(d.auxiliaries)
		g.word(d.verbs)
	case 2:
		g.word(d.verbs)
		g.word(d.adverbs)
	default:
		g.word(d.auxiliaries)
		g.word(d.verbs)
		g.word(d.adverbs)
	}
}

func (g *poolGen) prepPhrase() {
	g.word(g.d.prepositions)
	g.buf = append(g.buf, "the "...)
	g.nounPhrase()
}

// terminator replaces the trailing space with a terminator and a space.
func (g *poolGen) terminator() {
	g.buf = g.buf[:len(g.buf)-1]
	g.word(g.d.terminators)
}

func (g *poolGen) sentence() {
	switch g.d.grammar.byDraw[g.draw(g.d.grammar.total())] {
	case 0:
		g.nounPhrase()
		g.verbPhrase()
	case 1:
		g.nounPhrase()
		g.verbPhrase()
		g.prepPhrase()
	case 2:
		g.nounPhrase()
		g.verbPhrase()
		g.nounPhrase()
	case 3:
		g.nounPhrase()
		g.prepPhrase()
		g.verbPhrase()
		g.nounPhrase()
	default:
		g.nounPhrase()
		g.prepPhrase()
		g.verbPhrase()
		g.prepPhrase()
	}
	g.terminator()
}

// buildTextPool generates size bytes of sentences, as dbgen's init_text_pool.
func buildTextPool(d *dists, size int) []byte {
	g := &poolGen{seed: streamDefs[sdTextPool].seed, d: d, buf: make([]byte, 0, size+512)}
	for len(g.buf) < size+1 {
		g.sentence()
	}
	return g.buf[:size:size]
}
