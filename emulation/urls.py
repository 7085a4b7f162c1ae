from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth
from django.urls import include, path

from emulation import register_views as documents
from emulation import views
from emulation import views_accounts as accounts

# Password change and reset: Django's views with our templates (emulation/views_accounts.py)
password_patterns = [
    path(
        "doi-mat-khau/", accounts.PasswordChangeView.as_view(), name="password_change"
    ),
    path(
        "doi-mat-khau/xong/",
        accounts.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("quen-mat-khau/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("nam/", views.year_select, name="year-select"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth.LogoutView.as_view(), name="logout"),
    path("", include(password_patterns)),
    path("nguoi-dung/", accounts.user_list, name="user-list"),
    path("nguoi-dung/<int:pk>/mo-khoa/", accounts.user_unlock, name="user-unlock"),
    path(
        "nguoi-dung/<int:pk>/dat-mat-khau/",
        accounts.user_set_password,
        name="user-set-password",
    ),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("van-ban/", documents.document_list, name="document-list"),
    path(
        "van-ban/<int:pk>/tai-ve/",
        documents.document_download,
        name="document-download",
    ),
    path(
        "van-ban/xac-minh/<str:code>/",
        documents.document_verify,
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
