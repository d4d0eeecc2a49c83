"""A cap on the size of an uploaded file, applied while the request body is received."""
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class UploadLimit(FileUploadHandler):
    """Put first in `request.upload_handlers` before the body is read. A file past `limit` bytes
    is dropped as it arrives: the rest of it is read off the connection and discarded, never
    kept in memory or on disk, it is missing from `request.FILES`, and `exceeded` is set."""

    def __init__(self, limit: int, request=None):
        super().__init__(request)
        self.limit = limit
        self.exceeded = False
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers store the file
