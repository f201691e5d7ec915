# image/nanopb.cmake: the manifest of the program image in C, for both builds
# (included by CMakeLists.txt and xen/CMakeLists.txt, each compiling with its
# own flags). The C code is generated at build time from manifest.proto by
# Debian's nanopb generator (packages nanopb, protobuf-compiler,
# python3-protobuf), and nanopb's runtime comes from Debian's nanopb source
# package through xen/deps.sh --nanopb; neither is ever committed. Sets:
#   SPORE_PB_SRC  the runtime's .c files and the generated manifest.pb.c/.h
#   SPORE_PB_INC  the folders holding pb.h and manifest.pb.h

set(SPORE_XEN_DEPS ${CMAKE_SOURCE_DIR}/.cache/xen-deps CACHE PATH "where xen/deps.sh keeps its work")
execute_process(
    COMMAND bash ${CMAKE_SOURCE_DIR}/xen/deps.sh --nanopb ${SPORE_XEN_DEPS}
    OUTPUT_VARIABLE nanopb_out
    RESULT_VARIABLE nanopb_rc)
string(STRIP "${nanopb_out}" nanopb_out)
string(REGEX REPLACE ".*\n" "" NANOPB_DIR "${nanopb_out}")
if(NOT nanopb_rc EQUAL 0 OR NOT EXISTS ${NANOPB_DIR}/pb_decode.c)
    message(FATAL_ERROR "xen/deps.sh --nanopb failed: no nanopb runtime")
endif()
message(STATUS "nanopb runtime: ${NANOPB_DIR}")

find_program(NANOPB_GENERATOR NAMES nanopb_generator nanopb_generator.py
             DOC "nanopb's code generator (Debian package nanopb)")
find_program(PROTOC protoc DOC "the generator runs it (Debian package protobuf-compiler)")
if(NOT NANOPB_GENERATOR OR NOT PROTOC)
    message(FATAL_ERROR "the nanopb generator or protoc is missing: "
                        "apt-get install nanopb protobuf-compiler python3-protobuf")
endif()

set(SPORE_PB_OUT ${CMAKE_BINARY_DIR}/image)
file(MAKE_DIRECTORY ${SPORE_PB_OUT})
add_custom_command(
    OUTPUT ${SPORE_PB_OUT}/manifest.pb.c ${SPORE_PB_OUT}/manifest.pb.h
    COMMAND ${NANOPB_GENERATOR} -q --error-on-unmatched -I ${CMAKE_SOURCE_DIR}/image
            -D ${SPORE_PB_OUT} ${CMAKE_SOURCE_DIR}/image/manifest.proto
    DEPENDS ${CMAKE_SOURCE_DIR}/image/manifest.proto ${CMAKE_SOURCE_DIR}/image/manifest.options
    COMMENT "nanopb image/manifest.proto"
    VERBATIM)

set(SPORE_PB_SRC ${NANOPB_DIR}/pb_common.c ${NANOPB_DIR}/pb_decode.c ${NANOPB_DIR}/pb_encode.c
                 ${SPORE_PB_OUT}/manifest.pb.c ${SPORE_PB_OUT}/manifest.pb.h)
set(SPORE_PB_INC ${NANOPB_DIR} ${SPORE_PB_OUT})
