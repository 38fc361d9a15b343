// Command pbnode runs a city e-participation node that keeps its books on an Ethereum chain.
package main

func main() {}
