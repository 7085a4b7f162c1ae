"""Password reset by e-mail: Django's views, Vietnamese pages and mail, recorded."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from emulation.models import PasswordEvent

PASSWORD = "matkhau-thu-nghiem"  # tests.factories.UserFactory
LOGIN = "/dang-nhap/"


@pytest.fixture
def member(secretary):
    secretary.email = "vanphong@congan.nghean.gov.vn"
    secretary.full_name = "Lê Minh Tuấn"
    secretary.save()
    return secretary


def reset_link(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/dat-lai-mat-khau/\S+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def test_the_login_page_offers_the_reset(client, db):
    html = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in html and "Quên mật khẩu?" in html


def test_the_reset_form_is_public_and_vietnamese(client, db):
    response = client.get(reverse("password_reset"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Quên mật khẩu" in html and "Gửi liên kết đặt lại mật khẩu" in html


def test_a_reset_by_email_from_request_to_login(client, member, mailoutbox):
    response = client.post(
        reverse("password_reset"), {"email": "VanPhong@congan.nghean.gov.vn"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    done = client.get(response["Location"]).content.decode()
    assert "một thư hướng dẫn đặt lại mật khẩu đã được gửi" in done

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["vanphong@congan.nghean.gov.vn"]
    assert mail.subject == "Đặt lại mật khẩu hệ thống Thi đua – Khen thưởng"
    assert "Kính gửi Lê Minh Tuấn," in mail.body
    assert f"cho tài khoản {member.username}" in mail.body
    assert "trong 24 giờ" in mail.body

    page = client.get(reset_link(mail), follow=True)
    html = page.content.decode()
    assert "Đặt lại mật khẩu" in html and "Mật khẩu mới" in html
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Hoa-Sen-2026!", "new_password2": "Hoa-Sen-2026!"},
    )
    assert response["Location"] == reverse("password_reset_complete")
    assert (
        "Mật khẩu mới đã được lưu" in client.get(response["Location"]).content.decode()
    )

    assert (
        Client()
        .post(LOGIN, {"username": member.username, "password": "Hoa-Sen-2026!"})
        .status_code
        == 302
    )
    event = PasswordEvent.objects.values_list("user", "kind", "by").get()
    assert event == (member.pk, PasswordEvent.Kind.RESET, member.pk)


def test_a_used_link_is_refused_in_vietnamese(client, member, mailoutbox):
    client.post(reverse("password_reset"), {"email": member.email})
    link = reset_link(mailoutbox[0])
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Hoa-Sen-2026!", "new_password2": "Hoa-Sen-2026!"},
    )
    html = Client().get(link, follow=True).content.decode()
    assert "Liên kết đặt lại mật khẩu không dùng được" in html


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "ai@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_a_reset_lifts_a_lock(client, member, mailoutbox):
    for _ in range(5):
        Client().post(LOGIN, {"username": member.username, "password": "sai"})
    client.post(reverse("password_reset"), {"email": member.email})
    page = client.get(reset_link(mailoutbox[0]), follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Hoa-Sen-2026!", "new_password2": "Hoa-Sen-2026!"},
    )
    response = Client().post(
        LOGIN, {"username": member.username, "password": "Hoa-Sen-2026!"}
    )
    assert response.status_code == 302
