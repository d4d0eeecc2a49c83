from django import forms

from .documents import DocumentRefused, document_text, megabytes, too_large


class DocumentUploadForm(forms.Form):
    """One .docx or .pdf of at most `max_bytes` (the view passes settings.INTAKE_MAX_UPLOAD_SIZE).
    When valid, `text` holds its text; when the document was refused, `refusal` holds the
    `DocumentRefused` (for the log) and the field its message."""

    document = forms.FileField(
        label="文书文件", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"}),
    )

    def __init__(self, *args, max_bytes: int, upload_exceeded: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = (
            f"典型案例材料或行政处罚决定书，Word（.docx）或 PDF 格式，不超过 {megabytes(max_bytes)}"
        )
        self.max_bytes = max_bytes
        self.upload_exceeded = upload_exceeded
        self.text = ""
        self.refusal: DocumentRefused | None = None

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        try:
            if self.upload_exceeded:
                raise too_large(self.max_bytes)
            if not upload:
                raise forms.ValidationError("请选择要导入的文书（.docx 或 .pdf 文件）", code="required")
            self.text = document_text(upload, upload.name, self.max_bytes)
        except DocumentRefused as refusal:
            self.refusal = refusal
            raise forms.ValidationError(refusal.message, code=refusal.reason) from refusal
        return upload
