import { AuthForm } from "../components/auth-form";

export function LoginRoute() {
  return <AuthForm mode="login" />;
}
