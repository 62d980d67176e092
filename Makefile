# `sam build` builds AuthorizerFunction with this Makefile (template.yaml: Metadata BuildMethod
# makefile): it runs `make build-AuthorizerFunction` with ARTIFACTS_DIR set to the directory it
# packages. The Maven build skips the tests (run them with `./mvnw -B verify`), so a JDK 17 is
# enough; the layout is tools/task-root.sh, the same script the end-to-end test (RuntimeClientIT)
# builds its task root with.

MVNW ?= ./mvnw
ARTIFACTS_DIR ?= target/task-root
MVN_FLAGS ?=

.PHONY: build-AuthorizerFunction
build-AuthorizerFunction:
	$(MVNW) -B -q $(MVN_FLAGS) package -DskipTests
	sh tools/task-root.sh target "$(ARTIFACTS_DIR)"
