"""The 403, 404 and 500 pages are Vietnamese (DEBUG is off in tests, as in production)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse, reverse_lazy

pytestmark = pytest.mark.urls("tests.emulation.error_urls")


@pytest.mark.parametrize(
    ("path", "status", "texts"),
    [
        (
            "/thu/cam/",
            403,
            ["Không có quyền truy cập", '<html lang="vi">', reverse_lazy("dashboard")],
        ),
        ("/thu/khong-co/", 404, ["Không tìm thấy trang"]),  # a missing object
        ("/thu/loi/", 500, ["Lỗi hệ thống", "Dữ liệu đã lưu không bị ảnh hưởng"]),
    ],
)
def test_error_page(board, path, status, texts):
    client = Client(raise_request_exception=False)  # the 500 page, not the exception
    client.force_login(board)
    response = client.get(path)
    assert response.status_code == status
    html = response.content.decode()
    for text in texts:
        assert str(text) in html


def test_404_page_for_an_unknown_address_even_when_logged_out(client, db):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_refused_form_gets_the_vietnamese_csrf_page(board):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "board", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in html
    assert '<html lang="vi">' in html
