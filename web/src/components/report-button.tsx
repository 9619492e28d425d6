import { useState } from "preact/hooks";
import type { Account } from "../api/client";
import { t } from "../i18n";
import { ReportDialog } from "./report-dialog";

/** "Report" on a profile: opens the report dialog for the account. */
export function ReportButton({ account }: { account: Pick<Account, "id" | "username"> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="button button-secondary" data-testid="report-account" onClick={() => setOpen(true)}>
        {t("report.account")}
      </button>
      {open && (
        <ReportDialog
          target={{ accountId: account.id, label: `@${account.username}` }}
          remote={account.username.includes("@")}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
