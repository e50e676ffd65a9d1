import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const PreferencesQuery = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      email
      push
      inApp
      mutedTypes
    }
  }
`);

const UpdatePreferencesMutation = graphql(`
  mutation UpdateNotificationPreferences($input: PreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      email
      push
      inApp
      mutedTypes
    }
  }
`);

export function useNotificationPreferences() {
  const { data, loading, error } = useQuery(PreferencesQuery);
  const [update, saving] = useMutation(UpdatePreferencesMutation, {
    update: (cache, { data: saved }) => {
      if (saved) cache.writeQuery({ query: PreferencesQuery, data: { notificationPreferences: saved.updateNotificationPreferences } });
    },
  });
  return { preferences: data?.notificationPreferences, loading, error, update, saving };
}
