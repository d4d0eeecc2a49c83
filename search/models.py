"""Synonym groups a provincial administrator adds in the admin, beside `data/synonyms.txt`."""
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import synonyms


class SynonymGroup(models.Model):
    terms = models.TextField(
        "同义词", help_text="同一组可互相替代的检索词，用逗号或顿号分隔，如：偷排、私设暗管、逃避监管。每行一组。"
    )
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "检索同义词"

    def __str__(self):
        return self.terms.splitlines()[0][:50] if self.terms else "（空）"


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def synonyms_changed(sender, **kwargs):
    synonyms.forget()
