from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from emulation import views

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
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
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
