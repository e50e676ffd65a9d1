export { apiEndpoints, createApolloClient, type ApiEndpoints } from './client';
