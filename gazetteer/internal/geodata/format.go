package geodata

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Magic starts every gazetteer file; the digit is the format version.
const Magic = "SITREPGZ2"

// Feature is one record of the gazetteer file.
type Feature struct {
	ID       uint32 // GeoNames id, 0 for derived admin features
	Lat, Lon int32  // degrees * 1e5
	Pop      uint32
	Name     string
	Code     uint16 // index into File.Codes
	Country  uint16 // index into File.Countries
	Admin1   int32  // feature index of the first-level region, -1 when none
	Admin2   int32  // feature index of the second-level region, -1 when none
	Seat     int32  // admin features: index of the seat place, -1 when none
}

// Country is the point and size of one country, derived from its places.
type Country struct {
	Code       string // ISO 3166-1 alpha-2
	Lat, Lon   int32  // degrees * 1e5
	Capital    int32  // feature index of the capital (PPLC), -1 when none
	Population uint64 // sum over its places
}

// Entry is one name-index entry: the hash of a key and the feature it names.
type Entry struct {
	Hash    uint64
	Feature uint32
}

// File is the whole gazetteer as stored.
type File struct {
	Codes     []string // "P.PPLA", "A.ADM1", ...
	Countries []Country
	Features  []Feature
	Index     []Entry // sorted by Hash, then Feature
	// AdminCodes holds the GeoNames admin code ("AF.30", "AF.30.1601") of
	// each admin feature, by feature index.
	AdminCodes map[int32]string
}

// Hash returns the 64-bit FNV-1a hash of a key.
func Hash(key []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range key {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// HashString is Hash for a string.
func HashString(key string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= 1099511628211
	}
	return h
}

// Deg converts a coordinate to degrees * 1e5.
func Deg(f float64) int32 { return int32(math.Round(f * 1e5)) }

// Write writes f to w, uncompressed. Columns are
// stored one after the other, which compresses better than rows.
func Write(w io.Writer, f *File) error {
	bw := bufio.NewWriter(w)
	le := binary.LittleEndian
	put := func(v any) error { return binary.Write(bw, le, v) }
	if _, err := bw.WriteString(Magic); err != nil {
		return err
	}
	n := len(f.Features)
	hdr := []uint32{uint32(len(f.Codes)), uint32(len(f.Countries)), uint32(n), uint32(len(f.Index))}
	if err := put(hdr); err != nil {
		return err
	}
	for _, c := range f.Codes {
		if err := writeString(bw, c); err != nil {
			return err
		}
	}
	for _, c := range f.Countries {
		if len(c.Code) != 2 {
			return fmt.Errorf("geodata: bad country code %q", c.Code)
		}
		bw.WriteString(c.Code)
		if err := put([]int64{int64(c.Lat), int64(c.Lon), int64(c.Capital), int64(c.Population)}); err != nil {
			return err
		}
	}
	var names []byte
	nameLen := make([]uint16, n)
	for i, ft := range f.Features {
		if len(ft.Name) > math.MaxUint16 {
			return fmt.Errorf("geodata: name too long: %q", ft.Name[:40])
		}
		names = append(names, ft.Name...)
		nameLen[i] = uint16(len(ft.Name))
	}
	cols := []any{
		col(f.Features, func(ft Feature) uint32 { return ft.ID }),
		col(f.Features, func(ft Feature) int32 { return ft.Lat }),
		col(f.Features, func(ft Feature) int32 { return ft.Lon }),
		col(f.Features, func(ft Feature) uint32 { return ft.Pop }),
		col(f.Features, func(ft Feature) uint16 { return ft.Code }),
		col(f.Features, func(ft Feature) uint16 { return ft.Country }),
		col(f.Features, func(ft Feature) int32 { return ft.Admin1 }),
		col(f.Features, func(ft Feature) int32 { return ft.Admin2 }),
		col(f.Features, func(ft Feature) int32 { return ft.Seat }),
		nameLen,
		uint32(len(names)),
	}
	for _, c := range cols {
		if err := put(c); err != nil {
			return err
		}
	}
	if _, err := bw.Write(names); err != nil {
		return err
	}
	// Index: hashes as deltas (they are sorted), then features.
	deltas := make([]uint64, len(f.Index))
	prev := uint64(0)
	for i, e := range f.Index {
		deltas[i] = e.Hash - prev
		prev = e.Hash
	}
	if err := put(deltas); err != nil {
		return err
	}
	if err := put(col(f.Index, func(e Entry) uint32 { return e.Feature })); err != nil {
		return err
	}
	keys := make([]int32, 0, len(f.AdminCodes))
	for k := range f.AdminCodes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if err := put(uint32(len(keys))); err != nil {
		return err
	}
	for _, k := range keys {
		if err := put(k); err != nil {
			return err
		}
		if err := writeString(bw, f.AdminCodes[k]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func col[T, V any](xs []T, fn func(T) V) []V {
	out := make([]V, len(xs))
	for i, x := range xs {
		out[i] = fn(x)
	}
	return out
}

func writeString(w *bufio.Writer, s string) error {
	if len(s) > 255 {
		return fmt.Errorf("geodata: string too long: %q", s)
	}
	w.WriteByte(byte(len(s)))
	_, err := w.WriteString(s)
	return err
}

// Columns is a File as loaded: one slice per field, so that loading is a
// few bulk reads.
type Columns struct {
	Codes     []string
	Countries []Country
	ID        []uint32
	Lat, Lon  []int32
	Pop       []uint32
	Code      []uint16
	Country   []uint16
	Admin1    []int32
	Admin2    []int32
	Seat      []int32
	NameEnd   []uint32 // Names[NameEnd[i-1]:NameEnd[i]] is feature i's name
	Names     string
	Hash      []uint64
	Feature   []uint32
	// AdminCode is File.AdminCodes.
	AdminCode map[int32]string
}

// ErrFormat reports a gazetteer file that is not in this format.
var ErrFormat = errors.New("geodata: not a gazetteer file of this version")

// Read reads a file written by Write from the uncompressed data b.
func Read(b []byte) (*Columns, error) {
	if len(b) < len(Magic) || string(b[:len(Magic)]) != Magic {
		return nil, ErrFormat
	}
	r := &reader{b: b[len(Magic):]}
	nCodes, nCountries, n, nIndex := int(r.u32()), int(r.u32()), int(r.u32()), int(r.u32())
	if r.err != nil || n > len(b) || nIndex > len(b) || nCountries > 1<<16 {
		return nil, ErrFormat
	}
	c := &Columns{}
	for range nCodes {
		c.Codes = append(c.Codes, r.str())
	}
	for range nCountries {
		code := string(r.take(2))
		v := make([]int64, 4)
		for i := range v {
			v[i] = int64(r.u64())
		}
		c.Countries = append(c.Countries, Country{Code: code, Lat: int32(v[0]), Lon: int32(v[1]), Capital: int32(v[2]), Population: uint64(v[3])})
	}
	c.ID = u32s(r, n)
	c.Lat = i32s(r, n)
	c.Lon = i32s(r, n)
	c.Pop = u32s(r, n)
	c.Code = u16s(r, n)
	c.Country = u16s(r, n)
	c.Admin1 = i32s(r, n)
	c.Admin2 = i32s(r, n)
	c.Seat = i32s(r, n)
	lens := u16s(r, n)
	nNames := int(r.u32())
	c.Names = string(r.take(nNames))
	c.NameEnd = make([]uint32, n)
	end := uint32(0)
	for i, l := range lens {
		end += uint32(l)
		c.NameEnd[i] = end
	}
	if r.err == nil && int(end) != nNames {
		return nil, fmt.Errorf("%w: name lengths", ErrFormat)
	}
	c.Hash = make([]uint64, nIndex)
	raw := r.take(8 * nIndex)
	h := uint64(0)
	if r.err == nil {
		for i := range c.Hash {
			h += binary.LittleEndian.Uint64(raw[8*i:])
			c.Hash[i] = h
		}
	}
	c.Feature = u32s(r, nIndex)
	nAdmin := int(r.u32())
	if r.err == nil && nAdmin <= n {
		c.AdminCode = make(map[int32]string, nAdmin)
		for range nAdmin {
			k := int32(r.u32())
			c.AdminCode[k] = r.str()
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	for _, f := range c.Feature {
		if int(f) >= n {
			return nil, fmt.Errorf("%w: index out of range", ErrFormat)
		}
	}
	return c, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("%w: truncated", ErrFormat)
		return make([]byte, max(n, 0))
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 { return binary.LittleEndian.Uint32(r.take(4)) }
func (r *reader) u64() uint64 { return binary.LittleEndian.Uint64(r.take(8)) }
func (r *reader) str() string { n := r.take(1); return string(r.take(int(n[0]))) }

func u32s(r *reader, n int) []uint32 {
	b := r.take(4 * n)
	out := make([]uint32, n)
	if r.err == nil {
		for i := range out {
			out[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
	}
	return out
}

func i32s(r *reader, n int) []int32 {
	b := r.take(4 * n)
	out := make([]int32, n)
	if r.err == nil {
		for i := range out {
			out[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
		}
	}
	return out
}

func u16s(r *reader, n int) []uint16 {
	b := r.take(2 * n)
	out := make([]uint16, n)
	if r.err == nil {
		for i := range out {
			out[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
	}
	return out
}
