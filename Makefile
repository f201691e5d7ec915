# Makefile: shortcuts for spore.sh (the build itself is CMake; see README.md).
.PHONY: hello test bench build checks fuzz deps clean
hello test bench build checks fuzz deps clean:
	./spore.sh $@
