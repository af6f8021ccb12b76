PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
## `make run PORT=8080` serves elsewhere; links in emails, the sitemap and QR codes follow.
PORT ?= 8000
# The demo's offline Stripe stand-in, when no Stripe key is set.
STRIPE_STANDIN_PORT ?= 8790
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install run test test-serial lint migrate demo messages clean screenshots lighthouse

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

## Serve the demo site at http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set;
## PORT=8080 for another port).
run: demo
	@echo ""
	@echo "  Fabrique demo: http://127.0.0.1:$(PORT)/  (English: http://127.0.0.1:$(PORT)/en/)"
	@echo "  Admin:         http://127.0.0.1:$(PORT)/admin/  login: admin  password: fabrique-admin"
	@echo ""
	@if [ -z "$$STRIPE_SECRET_KEY" ]; then \
		echo "  Donations:     offline Stripe stand-in, test mode (no keys set)"; \
		$(BIN)/python -m demo.stripe_standin --port $(STRIPE_STANDIN_PORT) \
			--webhook http://127.0.0.1:$(PORT)/donate/webhook/ & \
		trap "kill $$!" EXIT; \
		STRIPE_STANDIN_URL=http://127.0.0.1:$(STRIPE_STANDIN_PORT) \
			$(BIN)/python manage.py runserver 127.0.0.1:$(PORT); \
	else \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT); \
	fi

## Phone and desktop screenshots of every page type in both languages, in screenshots/
## (the demo served on SHOTS_PORT for the while; Debian's /usr/bin/chromium).
SHOTS_PORT ?= 8791
screenshots: demo
	@$(BIN)/python manage.py runserver 127.0.0.1:$(SHOTS_PORT) --noreload >/dev/null 2>&1 & \
	server=$$!; trap 'kill $$server' EXIT; \
	for i in $$(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$(SHOTS_PORT)/ && break; sleep 0.2; done; \
	$(BIN)/python tools/screenshots.py --base-url http://127.0.0.1:$(SHOTS_PORT) --out screenshots

## Lighthouse 12.2.3 (phone profile) on every page type in both languages, the demo served
## as in production (bench/lighthouse.py; PostgreSQL and redis-server on this machine).
## Lighthouse is installed outside the repository: `npm i -E lighthouse@12.2.3` in LIGHTHOUSE_DIR.
LIGHTHOUSE_DIR ?= /tmp/lighthouse
lighthouse: install
	LIGHTHOUSE=$(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse $(BIN)/python -m bench.lighthouse

## The whole suite; DATABASE_URL=postgres://... runs it on PostgreSQL. In parallel
## (pytest-xdist, TEST_WORKERS processes, each with its own test database); serially
## with `make test-serial` (or TEST_WORKERS=0). Bytecode is cached even where the environment
## says not to: each worker would otherwise rewrite every test module's asserts again
## (pytest's rewritten modules are cached with it), some 5 s of CPU a worker.
TEST_WORKERS ?= 3
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=fabrique.settings.test
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS)) $(PYTEST_ARGS)

test-serial:
	$(MAKE) test TEST_WORKERS=0

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## Refresh the translation catalogue and compile it (the .mo is committed).
messages: install
	$(BIN)/python manage.py makemessages -l fr --ignore=.venv --ignore=node_modules --no-obsolete
	$(BIN)/python -m core.compile_messages

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .test-media test-artifacts
