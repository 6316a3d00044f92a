"""The Go target: a module with one package per group/version, on encoding/json and net/http only."""
