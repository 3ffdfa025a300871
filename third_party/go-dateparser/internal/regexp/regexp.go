//go:build !(re2_wasm || re2_cgo) || !cgo

package regexp

import (
	stdregex "regexp"
	"sync"
)

// Regexp compiles its pattern on first use (sitrep's patch, see
// SITREP-PATCH.md): package data builds thousands of patterns in its init
// functions, and compiling them there cost every program that imports the
// parser 0.2-0.3 CPU-s and 70 MB at start, used or not.
type Regexp struct {
	src  string
	once sync.Once
	re   *stdregex.Regexp
}

func (re *Regexp) rxc() *stdregex.Regexp {
	re.once.Do(func() {
		if re.re == nil {
			re.re = stdregex.MustCompile(re.src)
		}
	})
	return re.re
}

func QuoteMeta(s string) string {
	return stdregex.QuoteMeta(s)
}

func Compile(str string) (*Regexp, error) {
	rx, err := stdregex.Compile(str)
	if err != nil {
		return nil, err
	}
	return &Regexp{src: str, re: rx}, nil
}

func MustCompile(str string) *Regexp {
	return &Regexp{src: str}
}

func (re *Regexp) Expand(dst []byte, template []byte, src []byte, match []int) []byte {
	return re.rxc().Expand(dst, template, src, match)
}

func (re *Regexp) ExpandString(dst []byte, template string, src string, match []int) []byte {
	return re.rxc().ExpandString(dst, template, src, match)
}

func (re *Regexp) Find(b []byte) []byte {
	return re.rxc().Find(b)
}

func (re *Regexp) FindAll(b []byte, n int) [][]byte {
	return re.rxc().FindAll(b, n)
}

func (re *Regexp) FindAllIndex(b []byte, n int) [][]int {
	return re.rxc().FindAllIndex(b, n)
}

func (re *Regexp) FindAllString(s string, n int) []string {
	return re.rxc().FindAllString(s, n)
}

func (re *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return re.rxc().FindAllStringIndex(s, n)
}

func (re *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return re.rxc().FindAllStringSubmatch(s, n)
}

func (re *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return re.rxc().FindAllStringSubmatchIndex(s, n)
}

func (re *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	return re.rxc().FindAllSubmatch(b, n)
}

func (re *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	return re.rxc().FindAllSubmatchIndex(b, n)
}

func (re *Regexp) FindIndex(b []byte) (loc []int) {
	return re.rxc().FindIndex(b)
}

func (re *Regexp) FindString(s string) string {
	return re.rxc().FindString(s)
}

func (re *Regexp) FindStringIndex(s string) (loc []int) {
	return re.rxc().FindStringIndex(s)
}

func (re *Regexp) FindStringSubmatch(s string) []string {
	return re.rxc().FindStringSubmatch(s)
}

func (re *Regexp) FindStringSubmatchIndex(s string) []int {
	return re.rxc().FindStringSubmatchIndex(s)
}

func (re *Regexp) FindSubmatch(b []byte) [][]byte {
	return re.rxc().FindSubmatch(b)
}

func (re *Regexp) FindSubmatchIndex(b []byte) []int {
	return re.rxc().FindSubmatchIndex(b)
}

func (re *Regexp) Longest() {
	re.rxc().Longest()
}

func (re *Regexp) Match(b []byte) bool {
	return re.rxc().Match(b)
}

func (re *Regexp) MatchString(s string) bool {
	return re.rxc().MatchString(s)
}

func (re *Regexp) NumSubexp() int {
	return re.rxc().NumSubexp()
}

func (re *Regexp) ReplaceAll(src, repl []byte) []byte {
	return re.rxc().ReplaceAll(src, repl)
}

func (re *Regexp) ReplaceAllLiteral(src, repl []byte) []byte {
	return re.rxc().ReplaceAllLiteral(src, repl)
}

func (re *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return re.rxc().ReplaceAllLiteralString(src, repl)
}

func (re *Regexp) ReplaceAllString(src, repl string) string {
	return re.rxc().ReplaceAllString(src, repl)
}

func (re *Regexp) Split(s string, n int) []string {
	return re.rxc().Split(s, n)
}

func (re *Regexp) String() string {
	return re.rxc().String()
}

func (re *Regexp) SubexpIndex(name string) int {
	return re.rxc().SubexpIndex(name)
}

func (re *Regexp) SubexpNames() []string {
	return re.rxc().SubexpNames()
}
