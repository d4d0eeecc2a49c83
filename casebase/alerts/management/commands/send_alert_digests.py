"""The daily digest of saved-search alerts; run once a day (cron or a systemd timer)."""
from django.core.management.base import BaseCommand

from casebase.alerts.alerting import send_digests


class Command(BaseCommand):
    help = "发送检索提醒每日汇总邮件（每天运行一次）"

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"已发送 {sent} 封检索提醒汇总邮件")
