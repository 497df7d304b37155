// Package integration checks nianbao's published dataset with the engines
// analysts use: DuckDB here, Spark in spark/. It is a module of its own so
// DuckDB's cgo driver never enters the shipped binary.
package integration
