export { formatKpiValue } from '../../../domain/kpis';
