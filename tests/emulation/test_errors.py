"""The 403, 404 and 500 pages are Vietnamese (DEBUG is off in tests, as in production)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.urls("tests.emulation.error_urls")


def test_403_page(client, board):
    client.force_login(board)
    response = client.get("/thu/cam/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html
    assert '<html lang="vi">' in html
    assert reverse("dashboard") in html


def test_404_page_for_a_missing_object(client, board):
    client.force_login(board)
    response = client.get("/thu/khong-co/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_404_page_for_an_unknown_address_even_when_logged_out(client, db):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_500_page(board):
    client = Client(raise_request_exception=False)
    client.force_login(board)
    response = client.get("/thu/loi/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi hệ thống" in html
    assert "Dữ liệu đã lưu không bị ảnh hưởng" in html


def test_a_refused_form_gets_the_vietnamese_csrf_page(board):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "board", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in html
    assert '<html lang="vi">' in html
