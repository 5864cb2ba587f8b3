import subprocess
import sys

from django.conf import settings


def _storage_backend(env_overrides):
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages;"
        "print(type(storages['default']).__name__, getattr(storages['default'], 'bucket_name', ''))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "DJANGO_SETTINGS_MODULE": "moqdad.settings",
        **env_overrides,
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return result.stdout.split()


def test_media_storage_is_the_local_folder_without_a_bucket():
    assert _storage_backend({})[0] == "FileSystemStorage"


def test_media_storage_is_the_s3_bucket_when_one_is_configured():
    backend = _storage_backend(
        {"MEDIA_S3_BUCKET": "moqdad-media", "MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}
    )

    assert backend == ["S3Storage", "moqdad-media"]


def _image_sources(env_overrides):
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", **env_overrides}
    env["DJANGO_SETTINGS_MODULE"] = "moqdad.settings"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return result.stdout.split()


def test_pages_may_show_images_from_the_bucket_or_its_media_domain():
    bucket = {"MEDIA_S3_BUCKET": "moqdad-media", "MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000/"}

    assert _image_sources({}) == ["'self'", "data:"]
    assert _image_sources(bucket) == ["'self'", "data:", "http://127.0.0.1:9000"]
    assert _image_sources({**bucket, "MEDIA_S3_CUSTOM_DOMAIN": "media.example.org/m"}) == [
        "'self'",
        "data:",
        "https://media.example.org",
    ]
    assert _image_sources({"MEDIA_URL": "https://media.example.org/"})[-1] == (
        "https://media.example.org"
    )
