from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the self-signed demo certificate used to sign PDFs (filled in by the covenant work)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default="var/signing/demo.p12")

    def handle(self, *args, **options):
        self.stdout.write("Chưa cấu hình chứng thư số.")
