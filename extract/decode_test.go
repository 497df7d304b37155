package extract

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// seeds returns the real reports kept in testdata/samples (copies of the
// hand-checked seeds), keyed by file name.
func seeds(t testing.TB) map[string][]byte {
	t.Helper()
	paths, _ := filepath.Glob("../testdata/samples/*.txt")
	if len(paths) == 0 {
		t.Fatal("no seed reports in testdata/samples")
	}
	m := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m[filepath.Base(p)] = b
	}
	return m
}

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rules(fs []schemas.Finding) []string {
	var r []string
	for _, f := range fs {
		r = append(r, f.Rule)
	}
	return r
}

// TestDecodeSeedVariants encodes every seed report in each supported
// encoding and checks that decoding gives back the original text exactly.
func TestDecodeSeedVariants(t *testing.T) {
	variants := []struct {
		name    string
		enc     func(t testing.TB, s string) []byte
		want    string
		minConf float64
	}{
		{"utf-8", func(t testing.TB, s string) []byte { return []byte(s) }, EncUTF8, 1},
		{"utf-8 BOM", func(t testing.TB, s string) []byte { return append([]byte("\xef\xbb\xbf"), s...) }, EncUTF8, 1},
		{"gb18030", func(t testing.TB, s string) []byte { return encode(t, simplifiedchinese.GB18030, s) }, EncGB18030, 0.9},
		{"utf-16le BOM", func(t testing.TB, s string) []byte {
			return encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), s)
		}, EncUTF16LE, 1},
		{"utf-16be BOM", func(t testing.TB, s string) []byte {
			return encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), s)
		}, EncUTF16BE, 1},
		{"utf-16le no BOM", func(t testing.TB, s string) []byte {
			return encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), s)
		}, EncUTF16LE, 0.7},
		{"utf-16be no BOM", func(t testing.TB, s string) []byte {
			return encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), s)
		}, EncUTF16BE, 0.7},
	}
	for name, orig := range seeds(t) {
		for _, v := range variants {
			t.Run(name+"/"+v.name, func(t *testing.T) {
				text, enc, conf, fs := Decode(v.enc(t, string(orig)))
				if text != string(orig) {
					t.Errorf("text differs from the original (len %d, want %d)", len(text), len(orig))
				}
				if enc != v.want {
					t.Errorf("encoding = %q, want %q", enc, v.want)
				}
				if conf < v.minConf || conf > 1 {
					t.Errorf("confidence = %.3f, want in [%.2f, 1]", conf, v.minConf)
				}
				if len(fs) != 0 {
					t.Errorf("findings: %v", rules(fs))
				}
			})
		}
	}
}

func TestDecode(t *testing.T) {
	gb := func(s string) string { return string(encode(t, simplifiedchinese.GB18030, s)) }
	tests := []struct {
		name    string
		in      string
		text    string
		enc     string
		rules   []string
		minConf float64
		maxConf float64
	}{
		{"empty", "", "", "", []string{RuleEmptyFile.Code}, 0, 0},
		{"ascii", "a\r\nb\rc\n", "a\nb\nc\n", EncUTF8, nil, 1, 1},
		{"crlf at end", "一\r\n二\r", "一\n二\n", EncUTF8, nil, 1, 1},
		{"utf-8 with a bad byte", "政府信息\xff公开", "政府信息\ufffd公开", EncUTF8, []string{RuleEncodingInvalid.Code}, 0.8, 1},
		{"gbk with a bad byte", gb("政府信息公开工作年度报告") + "\xff" + gb("本年新收"), "政府信息公开工作年度报告\ufffd本年新收", EncGB18030, []string{RuleEncodingInvalid.Code}, 0.7, 1},
		{"gb18030 four-byte", gb("€㐀𠀀，一"), "€㐀𠀀，一", EncGB18030, nil, 0.4, 1},
		{"binary", "\x00\x01\x02\x03\x00\x00\xfe\x00\x01\x10\x00", "", "", []string{RuleNotText.Code}, 0, 0},
		{"pdf magic", "%PDF-1.4\n...", "", "", []string{RuleNotText.Code}, 0, 0},
		{"controls", "\x01\x02\x03\x04\x05abc", "", "", []string{RuleNotText.Code}, 0, 0},
		{"utf-16 odd length", "\xff\xfea\x00b", "a\ufffd", EncUTF16LE, []string{RuleEncodingInvalid.Code}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, conf, fs := Decode([]byte(tt.in))
			if text != tt.text {
				t.Errorf("text = %q, want %q", text, tt.text)
			}
			if enc != tt.enc {
				t.Errorf("encoding = %q, want %q", enc, tt.enc)
			}
			if conf < tt.minConf || conf > tt.maxConf {
				t.Errorf("confidence = %.3f, want in [%.2f, %.2f]", conf, tt.minConf, tt.maxConf)
			}
			if got := strings.Join(rules(fs), ","); got != strings.Join(tt.rules, ",") {
				t.Errorf("findings = %v, want %v", got, tt.rules)
			}
			for _, f := range fs {
				if f.Kind != schemas.KindExtraction || f.Cell != CellReport || !strings.Contains(f.Message, "input") {
					t.Errorf("malformed finding %+v", f)
				}
			}
		})
	}
}

func TestDecodeInvalidOffset(t *testing.T) {
	_, _, _, fs := Decode([]byte("政府\xc3(公开"))
	if len(fs) != 1 || fs[0].Rule != RuleEncodingInvalid.Code || !strings.Contains(fs[0].Message, "1 byte sequences") || !strings.Contains(fs[0].Message, "offset 6") {
		t.Fatalf("findings = %+v", fs)
	}
}

func TestReadBytesLineTooLong(t *testing.T) {
	in := "短行\n" + strings.Repeat("政", 10) + "\n尾\n"
	doc := ReadBytes("a/b.txt", []byte(in), Limits{MaxLineBytes: 10})
	// 10 bytes hold three 3-byte runes; the fourth would be split.
	if want := "短行\n政政政\n尾\n"; doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != RuleLineTooLong.Code || *doc.Findings[0].Line != 2 {
		t.Fatalf("findings = %+v", doc.Findings)
	}
	if !strings.Contains(doc.Findings[0].Message, "a/b.txt line 2 is 30 bytes") {
		t.Errorf("message = %q", doc.Findings[0].Message)
	}
}

func TestDecodeAlwaysValidUTF8(t *testing.T) {
	for _, in := range []string{"\xe4\xb8", "\x81\x30\x81", "\xff\xfe\x00\xd8", "a\x00b\x00\x00\xdc"} {
		text, _, _, _ := Decode([]byte(in))
		if !utf8.ValidString(text) || strings.Contains(text, "\r") {
			t.Errorf("Decode(%q) = %q", in, text)
		}
	}
	_ = bytes.MinRead
}

// TestDetectVariants: the fast detection agrees with the sniffer on every
// seed in every encoding, with and without BOMs, and on mixed inputs.
func TestDetectVariants(t *testing.T) {
	inputs := [][]byte{nil, []byte("abc"), []byte("%PDF-1.7"), []byte("a\x01\x02\x03"), []byte("é ü"), []byte("表\xe6"), []byte("\xef\xbb\xbf表")}
	for _, s := range seeds(t) {
		inputs = append(inputs, s,
			append([]byte("\xef\xbb\xbf"), s...),
			encode(t, simplifiedchinese.GB18030, string(s)),
			encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), string(s)),
			encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), string(s)),
			append(append([]byte{}, s...), 0))
	}
	for i, b := range inputs {
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkDetect(t, b) })
	}
}

// seen is what of a sniffer's state can change what it does next or
// what it chooses: where a machine is between sequences, the fields of
// the sequence it last read are not.
func (s sniffer) seen() sniffer {
	if s.u8need == 0 {
		s.u8lo, s.u8hi, s.u8cp, s.u8start = 0, 0, 0, 0
	}
	if s.gbState == 0 {
		s.gbLead, s.gbStart = 0, 0
	}
	return s
}

// sameSniff fails unless sniffer.Write and prevWrite leave the same state
// after each piece of b, fed in pieces of every few sizes and whole, and
// the same detection at the end.
func sameSniff(t testing.TB, b []byte) {
	t.Helper()
	for _, piece := range []int{1, 2, 3, 5, 64, len(b) + 1} {
		for _, skip16 := range []bool{false, true} {
			got, want := newSniffer(), newSniffer()
			got.skip16, want.skip16 = skip16, skip16
			for p := b; len(p) > 0; p = p[min(len(p), piece):] {
				got.Write(p[:min(len(p), piece)])
				want.prevWrite(p[:min(len(p), piece)])
				if got.seen() != want.seen() {
					t.Fatalf("%q in pieces of %d: state %+v, before %+v", b[:min(len(b), 100)], piece, got.seen(), want.seen())
				}
			}
			got.finish()
			want.finish()
			if got.seen() != want.seen() || got.choose() != want.choose() {
				t.Fatalf("%q in pieces of %d: finished %+v (%+v), before %+v (%+v)", b[:min(len(b), 100)], piece, got.seen(), got.choose(), want.seen(), want.choose())
			}
		}
	}
	// sniffPage chooses as sniff does, and sees the same once it has
	// followed GB18030.
	all, det := sniff(b)
	page := sniffPage(b)
	if got := page.choose(); got != det {
		t.Fatalf("%q: sniffPage chooses %+v, sniff %+v", b[:min(len(b), 100)], got, det)
	}
	page.followGB(b)
	if page.seen() != all.seen() {
		t.Fatalf("%q: sniffPage sees %+v, sniff %+v", b[:min(len(b), 100)], page.seen(), all.seen())
	}
}

// TestSnifferSameAsBefore: the sniffer sees what it saw before on the
// seed reports in UTF-8, GB18030 and UTF-16, on generated pages and text,
// and on UTF-8 and GB18030 sequences broken every way.
func TestSnifferSameAsBefore(t *testing.T) {
	var ins [][]byte
	for _, s := range seeds(t) {
		s = s[:min(len(s), 3000)]
		ins = append(ins, s, encode(t, simplifiedchinese.GB18030, string(s)),
			encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), string(s)))
	}
	generated(t, 1, "", func(_, _ string, b []byte) { ins = append(ins, b[:min(len(b), 5000)]) })
	for _, s := range []string{
		"\xe4\xb8", "\xe4\xb8a", "\xe4a\xb8\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xf0\x90\x80", "\xf4\x90\x80\x80",
		"\xc0\xaf", "\xc2", "\xff\xfe", "\x80\x81\x30\x81\x30", "\x81\x30\x81", "\x81\x7f", "\xa1\xa1\xb0\xa1\xd8\xa1",
		"a\x00b\x00", "\x01\x7f\t\r\n", "政府\xe6\x94信息", "\x81\x30\x81\x30\xe4\xb8\x80",
		"\xc4\xa3", "\xc4\xa3\xd6\xd0", "\xdf\xbf\xc2\x80", "\xd6\xa3\xc4", "\xc2\xc2\xa1", "\xe0\xa0", "\xdf\xe4\xb8\x80",
	} {
		ins = append(ins, []byte(s), []byte("中"+s+"文"), []byte(strings.Repeat(s, 3)))
	}
	for _, b := range ins {
		sameSniff(t, b)
	}
	// GBK characters that are, or begin, two-byte UTF-8 sequences, cut
	// at every place and next to UTF-8 (three pieces under the race
	// detector)
	depth := 4
	if raceEnabled {
		depth = 3
	}
	eachSequence("", []string{"\xc4", "\xa3", "\xd6\xd0", "\xdf\xbf", "\xe0", "a", "\xe4\xb8\x80", "\x80"}, depth, func(b []byte) { sameSniff(t, b) })
}

// FuzzSnifferSameAsBefore: on any bytes, the sniffer sees what it saw
// before.
func FuzzSnifferSameAsBefore(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
	}
	f.Add([]byte("\xe4\xb8a\x81\x30\x81\x30\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameSniff(t, b)
	})
}

// sameSniffPage fails unless sniffPage and prevSniffPage leave the same
// state and choose the same in b, and still see the same once both have
// followed GB18030.
func sameSniffPage(t testing.TB, b []byte) {
	t.Helper()
	got, want := sniffPage(b), prevSniffPage(b)
	if got.seen() != want.seen() || got.choose() != want.choose() {
		t.Fatalf("%q: sniffPage sees %+v (%+v), before %+v (%+v)", b[:min(len(b), 100)], got.seen(), got.choose(), want.seen(), want.choose())
	}
	got.followGB(b)
	want.followGB(b)
	if got.seen() != want.seen() {
		t.Fatalf("%q: after GB18030, sniffPage sees %+v, before %+v", b[:min(len(b), 100)], got.seen(), want.seen())
	}
}

// TestSniffPageSameAsBefore: sniffPage sees what it saw before on the
// seed reports in UTF-8, GB18030 and UTF-16, generated pages and text,
// control bytes, NULs, magic numbers and broken or non-CJK sequences at
// every offset of a word, and every short sequence of such pieces.
func TestSniffPageSameAsBefore(t *testing.T) {
	ins := [][]byte{nil, {}, []byte("%PDF-1.4 政府"), []byte("PK\x03\x04"), []byte("\xef\xbb\xbf<p>政府</p>")}
	for _, s := range seeds(t) {
		ins = append(ins, s, encode(t, simplifiedchinese.GB18030, string(s)),
			encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), string(s)))
	}
	generated(t, 1, "", func(_, _ string, b []byte) { ins = append(ins, b) })
	for _, s := range []string{
		"\x01", "\x7f", "\x1f", "\t\n\r\v\f", "\xe4\xb8", "\xe4\xb8a", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf",
		"\xed\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf", "\xf0\x9f\x98\x80", "\xf4\x90\x80\x80", "\xc3\xa9", "\xc2", "\xd0\x96",
		"\xe3\x80\x80", "\xef\xbc\x81", "\x00", "\x80", "\xff\xfe", "\xfe\xff", "\xa1\xa1\xb0\xa1",
	} {
		for k := range 12 {
			ins = append(ins, []byte(strings.Repeat("a", k)+s+"政府信息abcdefgh"), []byte(strings.Repeat("政", k)+s),
				[]byte(s+strings.Repeat("b", k)))
		}
		ins = append(ins, []byte(strings.Repeat("abcdefg"+s, 30)))
	}
	for _, b := range ins {
		sameSniffPage(t, b)
	}
	eachSequence("", []string{"一", "€", "é", "a", "\x01", "\n", "\x00", "𠀀", "\xe4\xb8", "\xb0\xa1", "。"}, 4, func(b []byte) { sameSniffPage(t, b) })
}

// FuzzSniffPageSameAsBefore: on any bytes, sniffPage sees what it saw
// before.
func FuzzSniffPageSameAsBefore(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
	}
	f.Add([]byte("<p>政府\x01信息\xc3\xa9\xf0\x9f\x98\x80</p>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameSniffPage(t, b)
	})
}

// sameDetect fails unless detect and prevDetect detect the same in b.
func sameDetect(t testing.TB, b []byte) {
	t.Helper()
	if got, want := detect(b), prevDetect(b); got != want {
		t.Fatalf("%q: detected %+v, before %+v", b[:min(len(b), 100)], got, want)
	}
}

// TestDetectSameAsBefore: detect detects what it did before on the seed
// reports in UTF-8 and GB18030, generated reports, text with control
// bytes, broken and non-CJK sequences at every offset, and every short
// sequence of such characters.
func TestDetectSameAsBefore(t *testing.T) {
	var ins [][]byte
	for _, s := range seeds(t) {
		ins = append(ins, s, encode(t, simplifiedchinese.GB18030, string(s)))
	}
	generated(t, 1, "", func(_, _ string, b []byte) { ins = append(ins, b) })
	for _, s := range []string{
		"\x01", "\x7f", "\x1f", "\t\n\r\v\f", "\xe4\xb8", "\xe4\xb8a", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf",
		"\xed\xa0\x80", "\xef\xbf\xbf", "\xf0\x9f\x98\x80", "\xc3\xa9", "\xd0\x96", "\xe3\x80\x80", "\xef\xbc\x81", "\x00",
	} {
		for k := range 12 {
			ins = append(ins, []byte(strings.Repeat("a", k)+s+"政府信息abcdefgh"), []byte(strings.Repeat("政", k)+s))
		}
		ins = append(ins, []byte(strings.Repeat("abcdefg"+s, 30)))
	}
	for _, b := range ins {
		sameDetect(t, b)
	}
	// runs of CJK and other three-byte characters, cut at the end or
	// not, at the share of CJK where the sniffer decides instead
	eachSequence("", []string{"一", "€", "é", "a", "\x01", "𠀀", "\xe4\xb8", "。"}, 4, func(b []byte) { sameDetect(t, b) })
}

// FuzzDetectSameAsBefore: on any bytes, detect detects what it did
// before.
func FuzzDetectSameAsBefore(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)])
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
	}
	f.Add([]byte("abcdefgh\x01ijklmnop\xe4\xb8\x80\xc3\xa9"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameDetect(t, b)
	})
}

// sameGB fails unless gbASCII (and prevGBASCII, the one before
// gbPairs) decodes b as the GB18030 decoder does:
// whole, into buffers of a few bytes (transform.ErrShortDst at every
// place), and read a byte at a time (transform.ErrShortSrc).
func sameGB(t testing.TB, b []byte) {
	t.Helper()
	want, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
	if err != nil {
		t.Fatal(err)
	}
	dec := memDecoder(simplifiedchinese.GB18030)
	if got, _, err := transform.Bytes(dec, b); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%q: gbASCII gives %q (%v), the decoder %q", b, got, err, want)
	}
	if got, _, err := transform.Bytes(prevGBASCII{simplifiedchinese.GB18030.NewDecoder()}, b); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%q: prevGBASCII gives %q (%v), the decoder %q", b, got, err, want)
	}
	for _, size := range []int{4, 5, 7, 64} {
		var got []byte
		buf := make([]byte, size)
		for src := b; ; {
			nDst, nSrc, err := dec.Transform(buf, src, true)
			got, src = append(got, buf[:nDst]...), src[nSrc:]
			if err == nil {
				break
			}
			if err != transform.ErrShortDst || nDst+nSrc == 0 {
				t.Fatalf("%q into %d bytes: %v", b, size, err)
			}
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%q into %d bytes: gbASCII gives %q, the decoder %q", b, size, got, want)
		}
	}
	got, err := io.ReadAll(transform.NewReader(iotest.OneByteReader(bytes.NewReader(b)), dec))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%q a byte at a time: gbASCII gives %q (%v), the decoder %q", b, got, err, want)
	}
}

// gbPieces are GB18030 sequences, whole, cut and invalid, and ASCII.
var gbPieces = []string{"a", "\n", "\x81", "\x40", "\x30", "\x81\x30\x81\x30", "\x81\x30", "\xb0\xa1", "\x80", "\xff", "\x81\x7f", "\xe4\xb8",
	"\x81\x40", "\xfe\xfe", "\xa1\xa4", "\xa2\xe3", "\x81\xff"}

// TestGBASCIISameAsDecoder compares gbASCII with the GB18030 decoder on
// the seeds and generated reports in GB18030, pages, and every short
// sequence of whole, cut and invalid sequences and ASCII.
func TestGBASCIISameAsDecoder(t *testing.T) {
	for _, s := range seeds(t) {
		sameGB(t, encode(t, simplifiedchinese.GB18030, string(s[:min(len(s), 3000)])))
		sameGB(t, s[:min(len(s), 3000)])
	}
	generated(t, 2, "", func(_, _ string, b []byte) { sameGB(t, b[:min(len(b), 4000)]) })
	eachSequence("", gbPieces, 4, func(b []byte) { sameGB(t, b) })
}

// FuzzGBASCIISameAsDecoder: on any bytes, gbASCII decodes as the GB18030
// decoder does.
func FuzzGBASCIISameAsDecoder(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(encode(f, simplifiedchinese.GB18030, string(s[:min(len(s), 600)])))
	}
	f.Add([]byte("a\x81\x30\x81\x30b\x81\x40\xff\x80\x81"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameGB(t, b)
	})
}
