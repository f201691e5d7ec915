# Makefile: shortcuts for spore.sh (the build itself is CMake; see README.md).
.PHONY: hello test bench build checks deps clean
hello test bench build checks deps clean:
	./spore.sh $@
