import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../ui/page';

export function ReportsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('nav.reports')} text={t('reports.soon')} />;
}
