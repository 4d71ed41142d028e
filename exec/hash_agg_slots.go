package exec

// Slot arrays. A group table's open-addressing slots are filled to at most
// 7/10 (linear probing stays short: the hash tag in each slot skips most
// foreign groups without touching their keys) and need not number a power of
// two: a row's first slot scales the low 32 bits of its hash to the array
// size (multiply and shift, Lemire's "fastrange"), so that a table sized
// from the planner's estimate takes what it needs — Q18's 840K groups
// reserved a slice take 1.2M slots (9.6 MB) where a power of two at load 1/2
// took 2M (16 MB), every page of which the random inserts touch (and a page
// touched first costs more than the probes). The high 32 bits stay the tag.

// home returns the first slot of hash h in an array of size slots.
func home(h uint64, size int) int {
	return int((h & 0xFFFFFFFF) * uint64(size) >> 32)
}

// slotLimit returns the groups size slots take before they must grow.
func slotLimit(size int) int { return size * 7 / 10 }

// slotsFor returns the slots groups groups need.
func slotsFor(groups int) int { return groups*10/7 + 1 }
