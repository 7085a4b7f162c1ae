# Thi đua — two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
DEMO_PASSWORD := thidua@2026
# `make run` signs PDFs with a self-signed demo certificate unless you give your own.
SIGNING_P12_PATH ?= var/signing/demo.p12
SIGNING_P12_PASSWORD ?= thidua-demo

# Development defaults; a real deployment sets its own (README, "Cấu hình").
export DEBUG ?= true

# apt-get as root, or through sudo when it needs no password; empty when neither works.
APT := $(shell if [ "$$(id -u)" = 0 ]; then echo apt-get; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then echo "sudo -n apt-get"; fi)

.PHONY: help install system-deps browser-deps db messages makemessages run test serve bench lint check-deploy clean

help:
	@echo "make run    — cài đặt, tạo CSDL, nạp dữ liệu mẫu, chạy http://$(HOST):$(PORT)"
	@echo "make test   — cài đặt như trên rồi chạy toàn bộ kiểm thử"
	@echo "make serve  — chạy bằng gunicorn với cấu hình production (đo hiệu năng)"
	@echo "make lint   — kiểm tra mã nguồn (ruff, import-linter, djhtml)"
	@echo "make check-deploy — 'manage.py check --deploy' với cấu hình production"

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" && $(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || \
	  { echo "Cần Python 3.11 (python3.11). Hãy cài Python 3.11 (ví dụ: sudo apt-get install python3.11 python3.11-venv) rồi chạy lại."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || \
	  { rm -rf $(VENV); echo "Không tạo được môi trường ảo: hãy cài gói python3.11-venv (sudo apt-get install python3.11-venv) rồi chạy lại."; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed system-deps

# WeasyPrint needs Pango. Install it through apt when we can, otherwise say what is missing.
system-deps: $(VENV)/.installed
	@$(PY) -c 'import weasyprint' 2>/dev/null || { \
	  if [ -n "$(APT)" ] && command -v apt-get >/dev/null; then \
	    echo "Đang cài Pango cho WeasyPrint (apt-get install libpango-1.0-0 libpangoft2-1.0-0)…"; \
	    $(APT) update -qq && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	  fi; \
	  $(PY) -c 'import weasyprint' 2>/dev/null || { echo "Thiếu thư viện Pango cho WeasyPrint: hãy cài gói libpango-1.0-0 và libpangoft2-1.0-0 (sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0) rồi chạy lại."; exit 1; }; }

# Browser tests drive Debian's chromium through Playwright (no browser download).
browser-deps:
	@test -x $(CHROMIUM) || { \
	  if [ -n "$(APT)" ] && command -v apt-get >/dev/null; then \
	    echo "Đang cài chromium cho kiểm thử trình duyệt (apt-get install chromium)…"; \
	    $(APT) update -qq && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium >/dev/null; \
	  fi; \
	  test -x $(CHROMIUM) || { echo "Thiếu trình duyệt $(CHROMIUM) cho kiểm thử: hãy cài gói 'chromium' (sudo apt-get install chromium) rồi chạy lại."; exit 1; }; }

# Create the database named in DATABASE_URL if needed; without DATABASE_URL the embedded
# PostgreSQL (var/pgdata) is started here once and left running for later commands.
db: install
	$(PY) manage.py ensure_database
	$(PY) manage.py migrate --noinput

messages: install
	$(PY) manage.py compilemessages_py

# After changing user-visible strings: refresh the English catalogue (file names only, no
# line numbers, so moving code does not rewrite it), then fill in every empty msgstr.
makemessages: install
	$(PY) manage.py makemessages -l en --no-obsolete --add-location file --no-wrap \
	  -i ".venv/*" -i "var/*" -i "bench/*"

run: db messages
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_signing_certificate --path $(SIGNING_P12_PATH)
	@echo ""
	@echo "================================================================"
	@echo " Thi đua đang chạy tại http://$(HOST):$(PORT)"
	@echo " Tài khoản mẫu (mật khẩu chung: $(DEMO_PASSWORD)):"
	@echo "   bantdkt      — cán bộ Ban Thi đua – Khen thưởng tỉnh Nghệ An"
	@echo "   toaan        — thư ký thi đua Tòa án nhân dân tỉnh (khối trưởng 2026)"
	@echo "   thanhtra     — thư ký thi đua Thanh tra tỉnh (khối trưởng 2025)"
	@echo "   congan       — thư ký thi đua Công an tỉnh (thành viên)"
	@echo "   nguoixem     — người xem;  admin — quản trị hệ thống"
	@echo "================================================================"
	SIGNING_P12_PATH=$(SIGNING_P12_PATH) SIGNING_P12_PASSWORD=$(SIGNING_P12_PASSWORD) \
	  SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite; PYTEST_ARGS narrows it (make test PYTEST_ARGS="tests/blocs -x").
test: db messages browser-deps
	$(PY) manage.py makemigrations --check --dry-run >/dev/null || { echo "Có thay đổi model chưa tạo migration."; exit 1; }
	$(PY) -m pytest $(PYTEST_ARGS)

serve: db messages
	DEBUG=false SECRET_KEY=$${SECRET_KEY:-$$(cat var/secret_key 2>/dev/null || (mkdir -p var && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' | tee var/secret_key))} \
	  ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
	  SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-false} CSRF_COOKIE_SECURE=$${CSRF_COOKIE_SECURE:-false} \
	  bash -c '$(PY) manage.py collectstatic --noinput >/dev/null && $(VENV)/bin/gunicorn emulation.wsgi --bind $(HOST):$(PORT) --workers $${WORKERS:-3} --access-logfile -'

# Performance bench (bench/README.md): wrk through apt when missing (like browser-deps), the
# demo-size and national-size databases (the national one generated once, ~1.5 min), then
# every page at both sizes (~10 min). BENCH_DEMO_URL, BENCH_NATIONAL_URL choose the
# databases, BENCH_ARGS adds options of bench/run.py (e.g. BENCH_ARGS="--only blocs").
bench: install
	@command -v wrk >/dev/null || { \
	  if [ -n "$(APT)" ] && command -v apt-get >/dev/null; then \
	    echo "Đang cài wrk để đo hiệu năng (apt-get install wrk)…"; \
	    $(APT) update -qq && DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq wrk >/dev/null; \
	  fi; \
	  command -v wrk >/dev/null || { echo "Thiếu công cụ wrk để đo hiệu năng: hãy cài gói 'wrk' (sudo apt-get install wrk) rồi chạy lại."; exit 1; }; }
	$(PY) bench/generate.py --demo-only \
	  --database-url $${BENCH_DEMO_URL:-postgres://postgres@127.0.0.1:5432/thidua_bench_demo}
	$(PY) bench/generate.py \
	  --database-url $${BENCH_NATIONAL_URL:-postgres://postgres@127.0.0.1:5432/thidua_bench_national}
	$(PY) bench/run.py \
	  --demo-url $${BENCH_DEMO_URL:-postgres://postgres@127.0.0.1:5432/thidua_bench_demo} \
	  --national-url $${BENCH_NATIONAL_URL:-postgres://postgres@127.0.0.1:5432/thidua_bench_national} \
	  $(BENCH_ARGS)

# The same tools as .pre-commit-config.yaml: ruff, the layer contract, the template format.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djhtml --check --tabwidth 2 templates

# What a production configuration must pass; set the variables as in README ("Cấu hình").
check-deploy: install
	DEBUG=false $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var/staticfiles
