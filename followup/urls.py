"""Staff pages of the follow-up (under print/, with the other staff documents)."""

from django.urls import path

from followup import views

app_name = "followup"
urlpatterns = [
    path("book/", views.book, name="book"),
    path("problems/", views.problems, name="problems"),
    path("book.pdf", views.book, {"as_pdf": True}, name="book_pdf"),
    path("selection/", views.selection_tool, name="selection"),
    path("selection.xlsx", views.selection_export, name="selection_xlsx"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report, {"as_pdf": True}, name="report_pdf"),
    path("report.xlsx", views.report_export, name="report_xlsx"),
]
