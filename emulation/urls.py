from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from emulation import register_views, views, views_accounts

urlpatterns = [
    path("nam/", views.year_select, name="year-select"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/password_change.html"
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "quen-mat-khau/",
        views_accounts.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        views_accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views_accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        views_accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("nguoi-dung/", views_accounts.user_list, name="user-list"),
    path(
        "nguoi-dung/<int:pk>/mo-khoa/",
        views_accounts.user_unlock,
        name="user-unlock",
    ),
    path(
        "nguoi-dung/<int:pk>/dat-mat-khau/",
        views_accounts.user_set_password,
        name="user-set-password",
    ),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("van-ban/", register_views.document_list, name="document-list"),
    path(
        "van-ban/<int:pk>/tai-ve/",
        register_views.document_download,
        name="document-download",
    ),
    path(
        "van-ban/xac-minh/<str:code>/",
        register_views.document_verify,
        name="document-verify",
    ),
    path("khoi/", include("blocs.urls")),
    # /phong-trao/ (campaigns:) and /giao-uoc/ (covenants:): see campaigns/urls.py.
    path("", include("campaigns.urls")),
    path("binh-xet/", include("awards.urls")),
    path("quan-tri/", admin.site.urls),
    # The top app last: its pages show every app (docs/ARCHITECTURE.md).
    path("", include("dashboard.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "emulation.views.permission_denied"
handler404 = "emulation.views.page_not_found"
handler500 = "emulation.views.server_error"
