from django.urls import path

from houbei.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("people/<int:pk>/registration.docx", views.registration, name="registration"),
    path("people/<int:pk>/appointment.lrmx", views.lrmx_export, name="lrmx_export"),
    path("registrations.zip", views.batch, name="batch"),
    path("briefing.docx", views.briefing_docx, name="briefing_docx"),
    path("briefing.pdf", views.briefing_pdf, name="briefing_pdf"),
    path("lrmx/import/", views.lrmx_import, name="lrmx_import"),
    path("registrations/job/", views.batch_job, name="batch_job"),
]
