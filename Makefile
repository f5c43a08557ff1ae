# The two set-up commands of the README. Both install what they need first.
.PHONY: run test bench
run:
	bash scripts/bootstrap.sh
	.venv/bin/policykg up corpus

test:
	bash scripts/bootstrap.sh --test
	.venv/bin/python -m pytest -q

bench:
	bash scripts/bootstrap.sh
	for b in bench/bench_*.py; do .venv/bin/python $$b || exit 1; done
