export { TopK } from '../collections/top-k';
