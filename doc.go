// Package nianbao is the root of the nianbao module. The code lives in its
// packages: schemas, extract, transform, load, pipeline and cmd/nianbao.
package nianbao
