package physical

import (
	"reflect"
	"testing"
)

func TestSliceMemLine(t *testing.T) {
	cases := []struct {
		name   string
		actual []sliceStat
		want   string
	}{
		{"none", nil, ""},
		{"one slice", []sliceStat{{sliceMem: []int64{4096}}}, ""},
		{"per slice", []sliceStat{{sliceMem: []int64{2048, 1}}}, "slices: [0] mem=2 kB [1] mem=1 kB"},
		{"several pipelines", []sliceStat{{sliceMem: []int64{1, 2}}, {}}, ""},
	}
	for _, tc := range cases {
		if got := sliceMemLine(tc.actual); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCarryMemory(t *testing.T) {
	cases := []struct {
		name     string
		ss, old  []sliceStat
		wantMem  []int64
		wantKnow []bool
	}{
		{"no old", []sliceStat{{rows: 1}}, nil, []int64{0}, []bool{false}},
		{"own memory wins", []sliceStat{{mem: 5, memKnown: true}}, []sliceStat{{mem: 7, memKnown: true}},
			[]int64{5}, []bool{true}},
		{"carried", []sliceStat{{rows: 3}}, []sliceStat{{mem: 7, memKnown: true, sliceMem: []int64{3, 4}}},
			[]int64{7}, []bool{true}},
		{"per slice", []sliceStat{{}, {}}, []sliceStat{{mem: 1, memKnown: true}, {mem: 2, memKnown: true}},
			[]int64{1, 2}, []bool{true, true}},
		{"mismatched slices", []sliceStat{{}}, []sliceStat{{mem: 1, memKnown: true}, {mem: 2, memKnown: true}},
			[]int64{3}, []bool{true}},
	}
	for _, tc := range cases {
		got := carryMemory(tc.ss, tc.old)
		var mem []int64
		var known []bool
		for _, s := range got {
			mem = append(mem, s.mem)
			known = append(known, s.memKnown)
		}
		if !reflect.DeepEqual(mem, tc.wantMem) || !reflect.DeepEqual(known, tc.wantKnow) {
			t.Errorf("%s: mem %v known %v, want %v %v", tc.name, mem, known, tc.wantMem, tc.wantKnow)
		}
	}
}
